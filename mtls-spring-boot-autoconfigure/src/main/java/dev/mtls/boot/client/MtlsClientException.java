package dev.mtls.boot.client;

import java.io.IOException;
import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * An outbound mutual TLS call failed for a reason of TLS trust or identity. The message
 * names the client, the URL called and the cause (for a pin mismatch the expected and the
 * actual pins, for a refused client certificate the CAs the server accepts next to the
 * issuer of the certificate presented).
 * <p>
 * Blocking clients report it as the cause of Spring's {@code ResourceAccessException},
 * {@code WebClient} as the cause of a {@code WebClientRequestException}.
 */
public class MtlsClientException extends IOException {

	private static final long serialVersionUID = 1L;

	private final String clientName;

	private final URI uri;

	private final Reason reason;

	MtlsClientException(String clientName, URI uri, Reason reason, String detail, @Nullable Throwable cause) {
		super("mTLS client '" + clientName + "' calling " + uri + ": " + detail, cause);
		this.clientName = clientName;
		this.uri = uri;
		this.reason = reason;
	}

	/**
	 * Return the name of the client, {@value MtlsClients#DEFAULT_CLIENT_NAME} for the
	 * default client.
	 * @return the client name
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * Return the URL that was called.
	 * @return the URL
	 */
	public URI getUri() {
		return this.uri;
	}

	/**
	 * Return why the call failed.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why an outbound mutual TLS call failed.
	 */
	public enum Reason {

		/**
		 * The server did not accept the client certificate that was presented.
		 */
		CLIENT_CERTIFICATE_REFUSED,

		/**
		 * The server requires a client certificate and the client has none.
		 */
		NO_CLIENT_CERTIFICATE,

		/**
		 * The server's certificate chain does not lead to a trusted CA.
		 */
		SERVER_UNTRUSTED,

		/**
		 * The server's certificate does not name the host that was called.
		 */
		HOSTNAME_MISMATCH,

		/**
		 * No certificate of the server's chain matches the configured pins.
		 */
		PIN_MISMATCH,

		/**
		 * The server's certificate does not carry the SPIFFE ID or any of the DNS names
		 * the client requires ({@code mtls.clients.<name>.expected-server.*}).
		 */
		SERVER_IDENTITY_MISMATCH

	}

}
