package dev.mtls.boot.testing;

import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Asserts that the server refused the client's certificate in the TLS handshake: the
 * client received one of the fatal alerts a TLS server sends for a certificate it does
 * not accept (RFC 8446 section 6.2), never just any I/O failure such as a refused
 * connection or a timeout.
 */
public final class HandshakeRefusal {

	/**
	 * Alerts of a refused client certificate. {@code internal_error} is what the JDK's
	 * PKIX trust manager ends in when it trusts no CA at all (empty trust store).
	 */
	private static final Pattern CERTIFICATE_ALERT = Pattern
		.compile("Received fatal alert: (bad_certificate|certificate_unknown|unknown_ca|certificate_required"
				+ "|certificate_expired|certificate_revoked|unsupported_certificate|access_denied|internal_error)");

	private HandshakeRefusal() {
	}

	/**
	 * Assert that the call fails because the server refused the client certificate.
	 * @param call the request
	 */
	public static void assertRefusedCertificate(ThrowingCallable call) {
		Throwable thrown = catchThrowable(call);
		assertThat(thrown).as("the request should have been refused in the handshake").isNotNull();
		assertThat(isCertificateRefusal(thrown)).as("an SSLException with a certificate alert in %s", thrown).isTrue();
	}

	/**
	 * Tell whether a failure is the server's refusal of the client certificate.
	 * @param failure the failure of a request
	 * @return whether an {@link SSLException} with a certificate alert caused it
	 */
	public static boolean isCertificateRefusal(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SSLException && cause.getMessage() != null
					&& CERTIFICATE_ALERT.matcher(cause.getMessage()).find()) {
				return true;
			}
		}
		return false;
	}

}
