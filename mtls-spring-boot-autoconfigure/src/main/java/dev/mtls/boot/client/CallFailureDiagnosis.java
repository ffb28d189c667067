package dev.mtls.boot.client;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLException;

import dev.mtls.boot.client.CertificateRequests.Request;
import dev.mtls.boot.client.MtlsClientException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Turns a failed call into an {@link MtlsClientException} that names the client, the URL
 * and the cause, or leaves it alone when TLS trust and identity are not to blame.
 */
final class CallFailureDiagnosis {

	/**
	 * TLS alerts a server sends when it does not accept the client certificate (RFC 8446
	 * section 6.2).
	 */
	private static final List<String> REFUSAL_ALERTS = List.of("bad_certificate", "certificate_required", "unknown_ca",
			"certificate_unknown", "certificate_expired", "certificate_revoked", "unsupported_certificate",
			"access_denied", "bad certificate", "certificate required", "unknown ca", "certificate unknown",
			"certificate expired", "access denied");

	private final MtlsClient client;

	CallFailureDiagnosis(MtlsClient client) {
		this.client = client;
	}

	/**
	 * Explain a failure thrown while calling {@code uri}.
	 * @param uri the URL called
	 * @param failure what the HTTP client threw
	 * @return the explained failure, or {@code null}
	 */
	@Nullable MtlsClientException diagnose(URI uri, Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MtlsClientException explained) {
				return explained;
			}
			if (cause instanceof ServerCertificateException rejected) {
				return new MtlsClientException(this.client.getName(), uri, rejected.getReason(), rejected.getDetail(),
						failure);
			}
		}
		String alert = refusalAlert(failure);
		Request request = this.client.certificateRequests().find(uri.getHost(), port(uri));
		if (alert != null) {
			return refused(uri, request, "TLS alert: " + alert, failure);
		}
		return null;
	}

	/**
	 * Explain an HTTP 400 answer that comes from a refused or missing client certificate
	 * (nginx completes the handshake and answers 400 when {@code ssl_verify_client on}
	 * finds no acceptable certificate).
	 * @param uri the URL called
	 * @param status the HTTP status
	 * @return the explained failure, or {@code null}
	 */
	@Nullable MtlsClientException diagnoseStatus(URI uri, int status) {
		if (status != 400) {
			return null;
		}
		Request request = this.client.certificateRequests().find(uri.getHost(), port(uri));
		if (request == null || (request.presented() && issuerAccepted(request))) {
			return null;
		}
		return refused(uri, request, "HTTP 400 after the server requested a client certificate", null);
	}

	private MtlsClientException refused(URI uri, @Nullable Request request, String evidence,
			@Nullable Throwable failure) {
		X509Certificate presented = presentedCertificate();
		String accepted = (request == null) ? "unknown (the server did not request a certificate in this handshake)"
				: request.acceptableIssuers().isEmpty() ? "any (the server named no CA)"
						: String.valueOf(request.acceptableIssuers());
		if (presented == null) {
			return new MtlsClientException(this.client.getName(), uri, Reason.NO_CLIENT_CERTIFICATE,
					"the server requires a client certificate but this client has none; the server accepts "
							+ "certificates issued by " + accepted + ". Configure " + this.client.getPropertyPrefix()
							+ ".keystore.* (" + evidence + ")",
					failure);
		}
		return new MtlsClientException(this.client.getName(), uri, Reason.CLIENT_CERTIFICATE_REFUSED,
				"the server refused our client certificate '" + presented.getSubjectX500Principal().getName()
						+ "' issued by '" + presented.getIssuerX500Principal().getName() + "' (from "
						+ this.client.sslBundle().material().identitySource()
						+ "); the server accepts certificates issued by " + accepted
						+ (MtlsClientsFactory.allowsClientAuth(presented) ? ""
								: "; note that its extended key usage does not include clientAuth")
						+ " (" + evidence + ")",
				failure);
	}

	private boolean issuerAccepted(Request request) {
		if (request.acceptableIssuers().isEmpty()) {
			return true;
		}
		ClientKeyManager.Identity identity = this.client.sslBundle().keyManager().identity();
		if (identity == null) {
			return false;
		}
		for (X509Certificate certificate : identity.chain()) {
			if (request.acceptableIssuers().contains(certificate.getIssuerX500Principal().getName())
					|| request.acceptableIssuers().contains(certificate.getSubjectX500Principal().getName())) {
				return true;
			}
		}
		return false;
	}

	private @Nullable X509Certificate presentedCertificate() {
		ClientKeyManager.Identity identity = this.client.sslBundle().keyManager().identity();
		return (identity != null) ? identity.certificate() : null;
	}

	private static @Nullable String refusalAlert(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && (cause instanceof SSLException || message.contains("alert"))) {
				String lower = message.toLowerCase(Locale.ROOT);
				for (String alert : REFUSAL_ALERTS) {
					if (lower.contains(alert)) {
						return message;
					}
				}
			}
		}
		return null;
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
	}

}
