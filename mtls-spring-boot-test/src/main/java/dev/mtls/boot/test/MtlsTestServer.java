package dev.mtls.boot.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.mtls.boot.devpki.IssuedCertificate;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * The application under test as seen by a client with a certificate: its mutual TLS base
 * URL ({@code https://localhost:<local.mtls.port>}, or {@code local.server.port} when the
 * main connector does mutual TLS) and clients that present a chosen client certificate
 * and trust the {@link MtlsTestPki test PKI}'s root CA.
 */
public final class MtlsTestServer {

	private final MtlsTestPki pki;

	private final String baseUrl;

	private MtlsTestServer(MtlsTestPki pki, String baseUrl) {
		this.pki = pki;
		this.baseUrl = baseUrl;
	}

	/**
	 * Return the server of a started application.
	 * @param pki the PKI the application trusts
	 * @param environment the application's environment, with {@code local.mtls.port} or
	 * {@code local.server.port}
	 * @return the server
	 */
	public static MtlsTestServer of(MtlsTestPki pki, Environment environment) {
		String mtlsPort = environment.getProperty("local.mtls.port");
		String port = (mtlsPort != null) ? mtlsPort : environment.getProperty("local.server.port");
		if (port == null) {
			throw new IllegalStateException("The application under test has no server port: start it with "
					+ "@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)");
		}
		return of(pki, "https://localhost:" + port);
	}

	/**
	 * Return a server at a known base URL.
	 * @param pki the PKI the server trusts and is identified by
	 * @param baseUrl for example {@code https://localhost:8443}
	 * @return the server
	 */
	public static MtlsTestServer of(MtlsTestPki pki, String baseUrl) {
		return new MtlsTestServer(pki, baseUrl);
	}

	public MtlsTestPki pki() {
		return this.pki;
	}

	/**
	 * Return the base URL.
	 * @return {@code https://localhost:<port>}
	 */
	public String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Return the URI of a path.
	 * @param path the path, starting with {@code /}
	 * @return the URI
	 */
	public URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	/**
	 * Return a JDK client presenting {@code identity}.
	 * @param identity the client certificate, or {@code null} to present none
	 * @return the client
	 */
	public HttpClient httpClient(@Nullable IssuedCertificate identity) {
		return MtlsTestClients.httpClient(identity, this.pki.ca());
	}

	/**
	 * Send {@code GET path} with a client certificate.
	 * @param identity the client certificate, or {@code null} to present none
	 * @param path the path
	 * @return the response
	 * @throws IOException when the connection or handshake fails, for example because the
	 * server refused the certificate during the handshake
	 * @throws InterruptedException when interrupted
	 */
	public HttpResponse<String> get(@Nullable IssuedCertificate identity, String path)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build();
		return httpClient(identity).send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Issue a client certificate for {@code subject} and send {@code GET path} with it.
	 * @param subject the client certificate's subject, for example {@code CN=alice}
	 * @param path the path
	 * @return the response
	 * @throws IOException when the connection or handshake fails
	 * @throws InterruptedException when interrupted
	 */
	public HttpResponse<String> get(String subject, String path) throws IOException, InterruptedException {
		return get(this.pki.client(subject), path);
	}

	/**
	 * Send {@code GET path} without a client certificate, for optional-certificate paths
	 * ({@code mtls.server.client-auth=want}) and refusal tests.
	 * @param path the path
	 * @return the response
	 * @throws IOException when the connection or handshake fails, for example because the
	 * server requires a certificate
	 * @throws InterruptedException when interrupted
	 */
	public HttpResponse<String> getWithoutCertificate(String path) throws IOException, InterruptedException {
		return get((IssuedCertificate) null, path);
	}

	/**
	 * Return a {@link RestClient} with this server's base URL presenting
	 * {@code identity}. Like {@code TestRestTemplate}, it does not throw on 4xx and 5xx
	 * responses, so that tests assert the status.
	 * @param identity the client certificate, or {@code null} to present none
	 * @return the client
	 */
	public RestClient restClient(@Nullable IssuedCertificate identity) {
		return MtlsTestClients.restClient(identity, this.pki.ca())
			.baseUrl(this.baseUrl)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	/**
	 * Issue a client certificate for {@code subject} and return a {@link RestClient}
	 * presenting it; see {@link #restClient(IssuedCertificate)}.
	 * @param subject the client certificate's subject
	 * @return the client
	 */
	public RestClient restClient(String subject) {
		return restClient(this.pki.client(subject));
	}

}
