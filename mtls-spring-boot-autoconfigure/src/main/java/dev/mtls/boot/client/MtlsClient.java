package dev.mtls.boot.client;

import java.security.cert.X509Certificate;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;

/**
 * One configured outbound mutual TLS client: its name, base URL, timeouts and the SSL
 * bundle that holds its identity and trust. Obtained from {@link MtlsClients}; applied to
 * HTTP client builders with {@link MtlsRestClientSsl} and {@link MtlsWebClientSsl}.
 */
public final class MtlsClient {

	private final String name;

	private final String propertyPrefix;

	private final String bundleName;

	private final @Nullable String baseUrl;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final CertificateRequests certificateRequests;

	private final MtlsClientSslBundle sslBundle;

	private final CallFailureDiagnosis diagnosis;

	private @Nullable String oauth2Registration;

	MtlsClient(String name, String propertyPrefix, String bundleName, @Nullable String baseUrl, Duration connectTimeout,
			Duration readTimeout, CertificateRequests certificateRequests, MtlsClientSslBundle sslBundle) {
		this.name = name;
		this.propertyPrefix = propertyPrefix;
		this.bundleName = bundleName;
		this.baseUrl = baseUrl;
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.certificateRequests = certificateRequests;
		this.sslBundle = sslBundle;
		this.diagnosis = new CallFailureDiagnosis(this);
	}

	/**
	 * Return the client's name, {@value MtlsClients#DEFAULT_CLIENT_NAME} for the default
	 * client.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the OAuth2 client registration whose tokens this client sends.
	 * @return the registration id of {@code mtls.clients.<name>.oauth2-registration}, or
	 * {@code null}
	 */
	public @Nullable String getOauth2Registration() {
		return this.oauth2Registration;
	}

	void setOauth2Registration(@Nullable String oauth2Registration) {
		this.oauth2Registration = oauth2Registration;
	}

	/**
	 * Return the prefix of the client's properties.
	 * @return {@code mtls.client} or {@code mtls.clients.<name>}
	 */
	public String getPropertyPrefix() {
		return this.propertyPrefix;
	}

	/**
	 * Return the name under which the client's SSL bundle is registered, usable for
	 * example as {@code spring.http.serviceclient.<group>.ssl.bundle}.
	 * @return {@code mtls-client} or {@code mtls-client-<name>}
	 */
	public String getBundleName() {
		return this.bundleName;
	}

	/**
	 * Return the base URL relative requests are resolved against.
	 * @return the base URL or {@code null}
	 */
	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	/**
	 * Return the SSL bundle with the client's identity and trust. Its managers present
	 * the configured identity whatever CAs the server names, and apply the client's
	 * hostname and pinning rules.
	 * @return the bundle
	 */
	public SslBundle getSslBundle() {
		return this.sslBundle;
	}

	/**
	 * Load the client's identity and trust again from where they are configured and use
	 * them for new handshakes; HTTP clients already built keep working. Material that
	 * cannot be used (unreadable, wrong password, key not matching the certificate,
	 * identity certificate not currently valid) is not applied: the material in use
	 * stays.
	 * @return the leaf certificate now presented, or {@code null} when the client
	 * presents none
	 * @throws dev.mtls.boot.pki.MtlsMaterialException when the new material cannot be
	 * used
	 */
	public @Nullable X509Certificate reloadMaterial() {
		ClientMaterial material = this.sslBundle.reload();
		return (material.identity() != null) ? material.identity().certificate() : null;
	}

	MtlsClientSslBundle sslBundle() {
		return this.sslBundle;
	}

	CertificateRequests certificateRequests() {
		return this.certificateRequests;
	}

	CallFailureDiagnosis diagnosis() {
		return this.diagnosis;
	}

	@Override
	public String toString() {
		return "MtlsClient '" + this.name + "' (" + this.propertyPrefix + ")";
	}

}
