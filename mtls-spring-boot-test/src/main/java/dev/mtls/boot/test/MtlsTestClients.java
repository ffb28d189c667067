package dev.mtls.boot.test;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import dev.mtls.boot.devpki.IssuedCertificate;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Clients that present a chosen client certificate and trust a test CA: an
 * {@link SSLContext}, a JDK {@link HttpClient} and a {@link RestClient} (when spring-web
 * is on the classpath).
 * <p>
 * Server certificates are validated by the JDK's PKIX trust manager against the given CA
 * and the host name is verified; nothing trusts all. The client certificate is presented
 * whatever CAs the server names in its certificate request, as curl does, so that a test
 * sees the server's verdict on an untrusted certificate rather than the JDK client's
 * choice to send none.
 */
public final class MtlsTestClients {

	private static final String ALIAS = "client";

	private MtlsTestClients() {
	}

	/**
	 * Return an SSL context presenting {@code identity} and trusting {@code trustedCa}.
	 * @param identity the client certificate, or {@code null} to present none
	 * @param trustedCa the CA that issued the server certificate (or its root)
	 * @return the SSL context
	 */
	public static SSLContext sslContext(@Nullable IssuedCertificate identity, IssuedCertificate trustedCa) {
		return sslContext(identity, trustedCa.certificate());
	}

	/**
	 * Return an SSL context presenting {@code identity} and trusting
	 * {@code trustAnchors}.
	 * @param identity the client certificate, or {@code null} to present none
	 * @param trustAnchors the trusted CA certificates
	 * @return the SSL context
	 */
	public static SSLContext sslContext(@Nullable IssuedCertificate identity, X509Certificate... trustAnchors) {
		try {
			KeyManager[] keyManagers = null;
			if (identity != null) {
				char[] password = MtlsTestPki.PASSWORD.toCharArray();
				KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				factory.init(identity.toKeyStore("PKCS12", ALIAS, MtlsTestPki.PASSWORD), password);
				keyManagers = new KeyManager[] {
						new AlwaysPresentKeyManager((X509ExtendedKeyManager) factory.getKeyManagers()[0], ALIAS) };
			}
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			for (int i = 0; i < trustAnchors.length; i++) {
				trustStore.setCertificateEntry("ca-" + i, trustAnchors[i]);
			}
			TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
			trustManagers.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers, trustManagers.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | java.io.IOException ex) {
			throw new IllegalStateException("Unable to create the test SSL context: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return a JDK HTTP/1.1 client presenting {@code identity} and trusting
	 * {@code trustedCa}.
	 * @param identity the client certificate, or {@code null} to present none
	 * @param trustedCa the trusted CA
	 * @return the client
	 */
	public static HttpClient httpClient(@Nullable IssuedCertificate identity, IssuedCertificate trustedCa) {
		return httpClient(sslContext(identity, trustedCa));
	}

	static HttpClient httpClient(SSLContext sslContext) {
		return HttpClient.newBuilder()
			.sslContext(sslContext)
			.connectTimeout(Duration.ofSeconds(10))
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/**
	 * Return a {@link RestClient} builder on the JDK client, presenting {@code identity}
	 * and trusting {@code trustedCa}.
	 * @param identity the client certificate, or {@code null} to present none
	 * @param trustedCa the trusted CA
	 * @return the builder, to add a base URL and more
	 */
	public static RestClient.Builder restClient(@Nullable IssuedCertificate identity, IssuedCertificate trustedCa) {
		return RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(httpClient(identity, trustedCa)));
	}

}
