package dev.mtls.boot.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.mtls.boot.devpki.IssuedCertificate;

/**
 * A real JDK {@link HttpClient} that trusts the test CA (with the JDK's PKIX trust
 * manager and hostname verification) and presents a chosen client certificate, or none.
 */
public final class MtlsClient {

	private final HttpClient httpClient;

	private MtlsClient(HttpClient httpClient) {
		this.httpClient = httpClient;
	}

	/**
	 * A client presenting {@code identity} (may be {@code null}) and trusting
	 * {@code trustedCa}.
	 */
	public static MtlsClient of(IssuedCertificate identity, IssuedCertificate trustedCa) {
		return of(identity, trustedCa, HttpClient.Version.HTTP_1_1);
	}

	/**
	 * A client presenting {@code identity} (may be {@code null}), trusting
	 * {@code trustedCa} and preferring the given HTTP version ({@code HTTP_2} is
	 * negotiated with ALPN).
	 */
	public static MtlsClient of(IssuedCertificate identity, IssuedCertificate trustedCa, HttpClient.Version version) {
		try {
			KeyManager[] keyManagers = null;
			if (identity != null) {
				KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				factory.init(identity.toKeyStore("PKCS12", "client", "pw"), "pw".toCharArray());
				keyManagers = new KeyManager[] {
						new AlwaysPresent((X509ExtendedKeyManager) factory.getKeyManagers()[0]) };
			}
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			trustStore.setCertificateEntry("ca", trustedCa.certificate());
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers, trustManagers.getTrustManagers(), null);
			return new MtlsClient(HttpClient.newBuilder()
				.sslContext(context)
				.connectTimeout(Duration.ofSeconds(10))
				.version(version)
				.build());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A plain HTTP client.
	 */
	public static MtlsClient plain() {
		return new MtlsClient(HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.version(HttpClient.Version.HTTP_1_1)
			.build());
	}

	public HttpResponse<String> get(String url) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build();
		return this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Send any request, e.g. {@code DELETE} with browser headers.
	 */
	public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Send a GET request with one extra header.
	 */
	public HttpResponse<String> get(String url, String header, String value) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(20))
			.header(header, value)
			.GET()
			.build();
		return this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Presents the client certificate whatever CAs the server asks for, as curl does, so
	 * that the server's verdict is tested rather than the JDK client's choice to send
	 * nothing.
	 */
	private static final class AlwaysPresent extends X509ExtendedKeyManager {

		private final X509ExtendedKeyManager delegate;

		AlwaysPresent(X509ExtendedKeyManager delegate) {
			this.delegate = delegate;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return new String[] { "client" };
		}

		@Override
		public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
			return "client";
		}

		@Override
		public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
			return "client";
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return null;
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return null;
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return this.delegate.getCertificateChain(alias);
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return this.delegate.getPrivateKey(alias);
		}

	}

}
