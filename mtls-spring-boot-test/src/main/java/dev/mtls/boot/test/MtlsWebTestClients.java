package dev.mtls.boot.test;

import dev.mtls.boot.devpki.IssuedCertificate;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@link WebTestClient}s bound to a running server over mutual TLS, presenting a chosen
 * client certificate and trusting the {@link MtlsTestPki test PKI}'s root CA. Needs
 * spring-webflux on the test classpath; uses the JDK HTTP client, so no Reactor Netty.
 */
public final class MtlsWebTestClients {

	private MtlsWebTestClients() {
	}

	/**
	 * Return a client for {@code server} presenting {@code identity}.
	 * @param server the server under test
	 * @param identity the client certificate, or {@code null} to present none
	 * @return the client
	 */
	public static WebTestClient webTestClient(MtlsTestServer server, @Nullable IssuedCertificate identity) {
		return WebTestClient.bindToServer(new JdkClientHttpConnector(server.httpClient(identity)))
			.baseUrl(server.baseUrl())
			.build();
	}

	/**
	 * Issue a client certificate for {@code subject} and return a client presenting it.
	 * @param server the server under test
	 * @param subject the client certificate's subject
	 * @return the client
	 */
	public static WebTestClient webTestClient(MtlsTestServer server, String subject) {
		return webTestClient(server, server.pki().client(subject));
	}

}
