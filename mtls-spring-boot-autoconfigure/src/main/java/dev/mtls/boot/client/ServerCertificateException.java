package dev.mtls.boot.client;

import java.security.cert.CertificateException;

import dev.mtls.boot.client.MtlsClientException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link ClientTrustManager} during the handshake; carries the reason so that
 * {@link CallFailureDiagnosis} can report it next to the URL.
 */
final class ServerCertificateException extends CertificateException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	private final String detail;

	ServerCertificateException(String clientName, Reason reason, String detail, @Nullable Throwable cause) {
		super("mTLS client '" + clientName + "': " + detail, cause);
		this.reason = reason;
		this.detail = detail;
	}

	Reason reason() {
		return this.reason;
	}

	String detail() {
		return this.detail;
	}

}
