package dev.mtls.boot.client;

import java.security.cert.CertificateException;

import dev.mtls.boot.client.MtlsClientException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * An outbound client refused the server's certificate during the TLS handshake: the cause
 * of the {@code SSLHandshakeException} that any HTTP client built on the client's SSL
 * bundle sees, with the {@link MtlsClientException.Reason reason} and the client's name.
 * Clients set up by the starter report it as an {@link MtlsClientException} that also
 * names the URL.
 */
public final class ServerCertificateException extends CertificateException {

	private static final long serialVersionUID = 1L;

	private final String clientName;

	private final Reason reason;

	private final String detail;

	ServerCertificateException(String clientName, Reason reason, String detail, @Nullable Throwable cause) {
		super("mTLS client '" + clientName + "': " + detail, cause);
		this.clientName = clientName;
		this.reason = reason;
		this.detail = detail;
	}

	/**
	 * Return the name of the client that refused the server.
	 * @return the client name
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * Return why the server's certificate was refused.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Return the explanation, without the client name.
	 * @return the detail
	 */
	public String getDetail() {
		return this.detail;
	}

}
