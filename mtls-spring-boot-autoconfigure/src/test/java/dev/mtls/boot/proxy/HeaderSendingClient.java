package dev.mtls.boot.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.mtls.boot.devpki.IssuedCertificate;

/**
 * A JDK HTTP client with a client certificate that adds one header, as a proxy would.
 */
final class HeaderSendingClient {

	private final HttpClient client;

	private HeaderSendingClient(HttpClient client) {
		this.client = client;
	}

	static HeaderSendingClient of(IssuedCertificate identity, IssuedCertificate ca) throws Exception {
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(identity.toKeyStore("PKCS12", "id", "pw"), "pw".toCharArray());
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", ca.certificate());
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		return new HeaderSendingClient(
				HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).build());
	}

	HttpResponse<String> get(String url, String header, String value) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create(url)).header(header, value).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
