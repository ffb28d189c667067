package dev.mtls.boot.server;

import java.util.ArrayList;
import java.util.List;

import dev.mtls.boot.pki.KeyStoreProperties;
import dev.mtls.boot.pki.TrustStoreProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.web.server.Ssl;

/**
 * Mutual TLS on the embedded web server.
 */
@ConfigurationProperties("mtls.server")
public class MtlsServerProperties {

	/**
	 * Whether to serve mutual TLS from the embedded web server. Turn off for applications
	 * that only use the outbound clients.
	 */
	private boolean enabled = true;

	/**
	 * Client certificate policy of the TLS handshake: 'need' refuses connections without
	 * a trusted client certificate, 'want' asks for one but also accepts connections
	 * without it, 'none' does not ask.
	 */
	private Ssl.ClientAuth clientAuth = Ssl.ClientAuth.NEED;

	/**
	 * Server identity.
	 */
	@NestedConfigurationProperty
	private final KeyStoreProperties keystore = new KeyStoreProperties();

	/**
	 * Certificate authorities trusted to issue client certificates.
	 */
	@NestedConfigurationProperty
	private final TrustStoreProperties truststore = new TrustStoreProperties();

	/**
	 * Name of an SSL bundle configured under 'spring.ssl.bundle' to use instead of
	 * 'mtls.server.keystore' and 'mtls.server.truststore'.
	 */
	private @Nullable String sslBundle;

	/**
	 * TLS protocols to enable.
	 */
	private List<String> protocols = new ArrayList<>(List.of("TLSv1.3", "TLSv1.2"));

	/**
	 * Cipher suites to enable. The JDK's defaults when empty.
	 */
	private List<String> ciphers = new ArrayList<>();

	/**
	 * TLS implementation of the embedded server: 'jsse' (the JDK's) or 'openssl'
	 * (Tomcat's OpenSSL through the Java FFM API: needs Java 22+, Tomcat's
	 * tomcat-coyote-ffm.jar and the system's libssl 3).
	 */
	private SslImplementation sslImplementation = SslImplementation.JSSE;

	/**
	 * Port of a dedicated mutual TLS connector next to the one on 'server.port', which
	 * keeps serving as configured. When not set, the main connector does mutual TLS.
	 */
	private @Nullable Integer port;

	/**
	 * Path patterns served on the plain 'server.port' when 'mtls.server.port' is set,
	 * without a client certificate, for example '/actuator/health'. Every other path
	 * answers 404 on the plain port.
	 */
	private List<String> plainPortPaths = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Ssl.ClientAuth getClientAuth() {
		return this.clientAuth;
	}

	public void setClientAuth(Ssl.ClientAuth clientAuth) {
		this.clientAuth = clientAuth;
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

	public List<String> getProtocols() {
		return this.protocols;
	}

	public void setProtocols(List<String> protocols) {
		this.protocols = protocols;
	}

	public List<String> getCiphers() {
		return this.ciphers;
	}

	public void setCiphers(List<String> ciphers) {
		this.ciphers = ciphers;
	}

	public SslImplementation getSslImplementation() {
		return this.sslImplementation;
	}

	public void setSslImplementation(SslImplementation sslImplementation) {
		this.sslImplementation = sslImplementation;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public List<String> getPlainPortPaths() {
		return this.plainPortPaths;
	}

	public void setPlainPortPaths(List<String> plainPortPaths) {
		this.plainPortPaths = plainPortPaths;
	}

	/**
	 * TLS implementation of the embedded server.
	 */
	public enum SslImplementation {

		/**
		 * The JDK's TLS (JSSE).
		 */
		JSSE,

		/**
		 * Tomcat's OpenSSL implementation through the Java FFM API.
		 */
		OPENSSL

	}

}
