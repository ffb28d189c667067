package dev.mtls.boot.server.handshake;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.PKIXReason;
import java.util.Locale;

import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Why the server refused a TLS handshake, as tagged in {@code mtls.handshake.failures}.
 */
public enum HandshakeRefusalReason {

	/**
	 * The client sent no certificate although one is required.
	 */
	NO_CERTIFICATE("no-certificate"),

	/**
	 * The client's certificate does not chain to a trusted CA (or its signature is
	 * wrong).
	 */
	UNTRUSTED("untrusted"),

	/**
	 * A certificate of the client's chain is expired.
	 */
	EXPIRED("expired"),

	/**
	 * A certificate of the client's chain is not yet valid.
	 */
	NOT_YET_VALID("not-yet-valid"),

	/**
	 * A certificate of the client's chain is revoked.
	 */
	REVOKED("revoked"),

	/**
	 * The chain is trusted but breaks a rule: key usage, extended key usage, name or
	 * policy constraints, algorithm constraints, path length.
	 */
	POLICY("policy"),

	/**
	 * No common protocol version or cipher suite, or not TLS at all (plain HTTP on the
	 * TLS port).
	 */
	PROTOCOL("protocol"),

	/**
	 * Anything else.
	 */
	OTHER("other");

	private final String tag;

	HandshakeRefusalReason(String tag) {
		this.tag = tag;
	}

	/**
	 * Return the value used in metric tags and logs.
	 * @return the tag value
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * Classify the exception of a refused handshake, or of a trust manager refusing the
	 * client's chain.
	 * @param failure the exception
	 * @return the reason
	 */
	static HandshakeRefusalReason of(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			HandshakeRefusalReason reason = ofCertificateFailure(cause);
			if (reason != null) {
				return reason;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof CertificateException) {
				String message = lowerCaseMessage(cause);
				// The JDK's validator reports (extended) key usage this way
				return (message.contains("usage")) ? POLICY : UNTRUSTED;
			}
		}
		if (failure instanceof SSLException) {
			String message = lowerCaseMessage(failure);
			if (message.contains("empty client certificate chain") || message.contains("certificate_required")) {
				return NO_CERTIFICATE;
			}
			if (message.contains("protocol") || message.contains("cipher") || message.contains("unrecognized ssl")
					|| message.contains("plaintext") || message.contains("unsupported")) {
				return PROTOCOL;
			}
		}
		return OTHER;
	}

	private static @Nullable HandshakeRefusalReason ofCertificateFailure(Throwable cause) {
		if (cause instanceof CertificateExpiredException) {
			return EXPIRED;
		}
		if (cause instanceof CertificateNotYetValidException) {
			return NOT_YET_VALID;
		}
		if (cause instanceof CertificateRevokedException) {
			return REVOKED;
		}
		if (cause instanceof CertPathBuilderException) {
			return UNTRUSTED;
		}
		if (cause instanceof CertPathValidatorException validation) {
			if (validation.getReason() == BasicReason.EXPIRED) {
				return EXPIRED;
			}
			if (validation.getReason() == BasicReason.NOT_YET_VALID) {
				return NOT_YET_VALID;
			}
			if (validation.getReason() == BasicReason.REVOKED) {
				return REVOKED;
			}
			if (validation.getReason() == BasicReason.INVALID_SIGNATURE
					|| validation.getReason() == PKIXReason.NO_TRUST_ANCHOR
					|| validation.getReason() == PKIXReason.NAME_CHAINING) {
				return UNTRUSTED;
			}
			if (validation.getReason() == BasicReason.UNDETERMINED_REVOCATION_STATUS
					|| validation.getReason() == BasicReason.UNSPECIFIED) {
				return null;
			}
			return POLICY;
		}
		return null;
	}

	private static String lowerCaseMessage(Throwable failure) {
		return (failure.getMessage() != null) ? failure.getMessage().toLowerCase(Locale.ROOT) : "";
	}

}
