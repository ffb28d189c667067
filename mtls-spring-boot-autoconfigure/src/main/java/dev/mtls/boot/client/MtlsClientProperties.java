package dev.mtls.boot.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mtls.boot.pki.KeyStoreProperties;
import dev.mtls.boot.pki.TrustStoreProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Outbound mutual TLS: the default client ({@code mtls.client.*}) and named clients
 * ({@code mtls.clients.<name>.*}). A named client takes what it does not set from the
 * default client.
 */
@ConfigurationProperties("mtls")
public class MtlsClientProperties {

	/**
	 * Default outbound client.
	 */
	private final Client client = new Client();

	/**
	 * Named outbound clients, each with its own base URL, identity, trust, hostname rule,
	 * pins and timeouts.
	 */
	private final Map<String, NamedClient> clients = new LinkedHashMap<>();

	public Client getClient() {
		return this.client;
	}

	public Map<String, NamedClient> getClients() {
		return this.clients;
	}

	/**
	 * Default outbound client.
	 */
	public static class Client {

		/**
		 * Client identity presented to servers. When not set, the server identity is
		 * presented (see 'reuse-server-identity').
		 */
		@NestedConfigurationProperty
		private final KeyStoreProperties keystore = new KeyStoreProperties();

		/**
		 * Certificate authorities trusted to issue server certificates. When not set, the
		 * JDK's default trusted CAs.
		 */
		@NestedConfigurationProperty
		private final TrustStoreProperties truststore = new TrustStoreProperties();

		/**
		 * Name of an SSL bundle configured under 'spring.ssl.bundle' to use instead of
		 * 'keystore' and 'truststore'.
		 */
		private @Nullable String sslBundle;

		/**
		 * Whether to present the server identity ('mtls.server.keystore' or
		 * 'mtls.server.ssl-bundle') when no client identity is configured.
		 */
		private boolean reuseServerIdentity = true;

		/**
		 * Whether to check that the server certificate names the host that is called. The
		 * certificate chain is validated either way.
		 */
		private boolean verifyHostname = true;

		/**
		 * SHA-256 pins of the server's public keys, 'sha256/' followed by the Base64 of
		 * the SHA-256 of the SubjectPublicKeyInfo. A connection passes when any
		 * certificate of the chain matches any pin. No pinning when empty.
		 */
		private List<String> pins = new ArrayList<>();

		/**
		 * Timeout for establishing the connection, TLS handshake included.
		 */
		private Duration connectTimeout = Duration.ofSeconds(10);

		/**
		 * Timeout for reading the response.
		 */
		private Duration readTimeout = Duration.ofSeconds(30);

		public KeyStoreProperties getKeystore() {
			return this.keystore;
		}

		public TrustStoreProperties getTruststore() {
			return this.truststore;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public boolean isReuseServerIdentity() {
			return this.reuseServerIdentity;
		}

		public void setReuseServerIdentity(boolean reuseServerIdentity) {
			this.reuseServerIdentity = reuseServerIdentity;
		}

		public boolean isVerifyHostname() {
			return this.verifyHostname;
		}

		public void setVerifyHostname(boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
		}

		public List<String> getPins() {
			return this.pins;
		}

		public void setPins(List<String> pins) {
			this.pins = pins;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

	}

	/**
	 * Named outbound client. Whatever is not set is taken from 'mtls.client'.
	 */
	public static class NamedClient {

		/**
		 * Base URL that relative request URIs are resolved against, e.g.
		 * 'https://partner.example.com:8443'.
		 */
		private @Nullable String baseUrl;

		/**
		 * Client identity presented to servers. When not set, the identity of
		 * 'mtls.client', else the server identity (see 'reuse-server-identity').
		 */
		@NestedConfigurationProperty
		private final KeyStoreProperties keystore = new KeyStoreProperties();

		/**
		 * Certificate authorities trusted to issue server certificates. When not set,
		 * those of 'mtls.client', else the JDK's default trusted CAs.
		 */
		@NestedConfigurationProperty
		private final TrustStoreProperties truststore = new TrustStoreProperties();

		/**
		 * Name of an SSL bundle configured under 'spring.ssl.bundle' to use instead of
		 * 'keystore' and 'truststore'.
		 */
		private @Nullable String sslBundle;

		/**
		 * Whether to present the server identity when neither this client nor
		 * 'mtls.client' configures an identity. Defaults to
		 * 'mtls.client.reuse-server-identity'.
		 */
		private @Nullable Boolean reuseServerIdentity;

		/**
		 * Whether to check that the server certificate names the host that is called.
		 * Defaults to 'mtls.client.verify-hostname'.
		 */
		private @Nullable Boolean verifyHostname;

		/**
		 * SHA-256 pins of the server's public keys ('sha256/<base64>'); any match passes.
		 * Defaults to 'mtls.client.pins'.
		 */
		private @Nullable List<String> pins;

		/**
		 * Identity the server's certificate must carry, checked after the chain, the host
		 * name and the pins.
		 */
		private final ExpectedServer expectedServer = new ExpectedServer();

		/**
		 * Timeout for establishing the connection. Defaults to
		 * 'mtls.client.connect-timeout'.
		 */
		private @Nullable Duration connectTimeout;

		/**
		 * Timeout for reading the response. Defaults to 'mtls.client.read-timeout'.
		 */
		private @Nullable Duration readTimeout;

		/**
		 * Registration id under 'spring.security.oauth2.client.registration' whose
		 * client_credentials access tokens this client fetches, authenticating to the
		 * token endpoint with its certificate ('tls_client_auth' or
		 * 'self_signed_tls_client_auth', RFC 8705), reuses until shortly before they
		 * expire, and sends as bearer tokens.
		 */
		private @Nullable String oauth2Registration;

		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(@Nullable String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public KeyStoreProperties getKeystore() {
			return this.keystore;
		}

		public TrustStoreProperties getTruststore() {
			return this.truststore;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public @Nullable Boolean getReuseServerIdentity() {
			return this.reuseServerIdentity;
		}

		public void setReuseServerIdentity(@Nullable Boolean reuseServerIdentity) {
			this.reuseServerIdentity = reuseServerIdentity;
		}

		public @Nullable Boolean getVerifyHostname() {
			return this.verifyHostname;
		}

		public void setVerifyHostname(@Nullable Boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
		}

		public @Nullable List<String> getPins() {
			return this.pins;
		}

		public void setPins(@Nullable List<String> pins) {
			this.pins = pins;
		}

		public ExpectedServer getExpectedServer() {
			return this.expectedServer;
		}

		public @Nullable Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public @Nullable Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(@Nullable Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public @Nullable String getOauth2Registration() {
			return this.oauth2Registration;
		}

		public void setOauth2Registration(@Nullable String oauth2Registration) {
			this.oauth2Registration = oauth2Registration;
		}

	}

	/**
	 * Identity a named client requires of the server it calls.
	 */
	public static class ExpectedServer {

		/**
		 * SPIFFE ID the server certificate must carry as a URI SAN, e.g.
		 * 'spiffe://example.org/ns/payments/sa/api'. Not checked when not set.
		 */
		private @Nullable String spiffeId;

		/**
		 * DNS names of which the server certificate must carry at least one as a DNS SAN,
		 * compared exactly and ignoring case (a wildcard certificate matches only its
		 * wildcard name). Independent of the host called. Not checked when empty.
		 */
		private List<String> dnsNames = new ArrayList<>();

		public @Nullable String getSpiffeId() {
			return this.spiffeId;
		}

		public void setSpiffeId(@Nullable String spiffeId) {
			this.spiffeId = spiffeId;
		}

		public List<String> getDnsNames() {
			return this.dnsNames;
		}

		public void setDnsNames(List<String> dnsNames) {
			this.dnsNames = dnsNames;
		}

	}

}
