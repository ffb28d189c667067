package dev.mtls.boot.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.reload.MaterialReloadState;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter's own refusals of forwarded certificates, reached through the proxy path
 * where a TLS handshake would have refused first, each with its specific reason.
 */
class ForwardedCertificateRefusalTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@TempDir
	Path directory;

	@Test
	void refusesForwardedChainThatDoesNotBelongToTheCertificate() throws Exception {
		TestPki pki = new TestPki(this.directory);
		IssuedCertificate otherCa = CertificateBuilder.ca("CN=Unrelated CA").issue();
		try (ConfigurableApplicationContext app = rfc9440(pki)) {
			HttpResponse<String> response = send(app, request(app).header("Client-Cert", bytes(pki.client()))
				.header("Client-Cert-Chain", bytes(otherCa.certificate())));
			assertRefused(response, "forwarded chain does not belong to the certificate");
		}
	}

	@Test
	void refusesForwardedCertificateThatIsItselfATrustAnchor() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = rfc9440(pki)) {
			assertRefused(send(app, request(app).header("Client-Cert", bytes(pki.ca().certificate()))),
					"forwarded certificate is a trust anchor itself");
		}
	}

	@Test
	void refusesRepeatedChainHeader() throws Exception {
		TestPki pki = new TestPki(this.directory);
		IssuedCertificate intermediate = CertificateBuilder.ca("CN=Intermediate").issuedBy(pki.ca()).issue();
		IssuedCertificate leaf = CertificateBuilder.endEntity("CN=bob").clientAuth().issuedBy(intermediate).issue();
		try (ConfigurableApplicationContext app = rfc9440(pki)) {
			HttpRequest.Builder once = request(app).header("Client-Cert", bytes(leaf))
				.header("Client-Cert-Chain", bytes(intermediate.certificate()));
			assertThat(send(app, once).statusCode()).isEqualTo(200);
			HttpRequest.Builder twice = request(app).header("Client-Cert", bytes(leaf))
				.header("Client-Cert-Chain", bytes(intermediate.certificate()))
				.header("Client-Cert-Chain", bytes(intermediate.certificate()));
			assertRefused(send(app, twice), "certificate header sent more than once");
		}
	}

	@Test
	void forwardedCertificateReachesTheStartersKeyUsageRule() throws Exception {
		TestPki pki = new TestPki(this.directory);
		IssuedCertificate encipherOnly = CertificateBuilder.endEntity("CN=encipher-only")
			.clientAuth()
			.keyUsage(KeyUsage.keyEncipherment)
			.issuedBy(pki.ca())
			.issue();
		try (ConfigurableApplicationContext app = ForwardedCertificateIntegrationTests.start(pki,
				"mtls.proxy.trusted-proxies=127.0.0.1,::1")) {
			HttpResponse<String> response = send(app, request(app).header("X-SSL-Client-Cert",
					ForwardedCertificateIntegrationTests.escaped(encipherOnly)));
			assertRefused(response, "Client certificate not accepted: key usage does not allow digitalSignature");
		}
	}

	@Test
	void verifyValueDecidesWhatCountsAsVerified() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = ForwardedCertificateIntegrationTests.start(pki,
				"mtls.proxy.trusted-proxies=127.0.0.1,::1", "mtls.proxy.verify-header=X-Client-Verified",
				"mtls.proxy.verify-value=yes")) {
			String pem = ForwardedCertificateIntegrationTests.escaped(pki.client());
			assertThat(send(app, request(app).header("X-SSL-Client-Cert", pem).header("X-Client-Verified", "yes"))
				.statusCode()).isEqualTo(200);
			assertRefused(
					send(app, request(app).header("X-SSL-Client-Cert", pem).header("X-Client-Verified", "SUCCESS")),
					"the proxy did not report a verified certificate");
			assertRefused(
					send(app,
							request(app).header("X-SSL-Client-Cert", pem)
								.header("X-Client-Verified", "yes")
								.header("X-Client-Verified", "yes")),
					"the proxy did not report a verified certificate");
		}
	}

	@Test
	void withoutRevalidationAndWithoutTrustStoreTheProxysWordIsTaken() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = TestServerApplication.runSecured(ProxyTestApplication.SOURCES,
				"mtls.server.enabled=false", "mtls.proxy.enabled=true", "mtls.proxy.trusted-proxies=127.0.0.1,::1",
				"mtls.proxy.revalidate=false")) {
			HttpResponse<String> response = send(app, request(app).header("X-SSL-Client-Cert",
					ForwardedCertificateIntegrationTests.escaped(pki.untrustedClient())));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo("mallory");
		}
	}

	@Test
	void withoutRevalidationATrustStoreStillRefusesUntrustedCertificatesPerRequest() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = ForwardedCertificateIntegrationTests.start(pki,
				"mtls.proxy.trusted-proxies=127.0.0.1,::1", "mtls.proxy.revalidate=false")) {
			assertThat(
					send(app,
							request(app).header("X-SSL-Client-Cert",
									ForwardedCertificateIntegrationTests.escaped(pki.client())))
						.statusCode())
				.isEqualTo(200);
			assertRefused(
					send(app,
							request(app).header("X-SSL-Client-Cert",
									ForwardedCertificateIntegrationTests.escaped(pki.untrustedClient()))),
					"certificate is no longer trusted");
		}
	}

	@Test
	void brokenTrustFileIsNotAppliedBehindAProxy() throws Exception {
		TestPki pki = new TestPki(this.directory);
		Path trust = this.directory.resolve("trusted.pem");
		Files.copy(pki.path("ca.crt"), trust);
		try (ConfigurableApplicationContext app = TestServerApplication.runSecured(ProxyTestApplication.SOURCES,
				"mtls.server.enabled=false", "mtls.proxy.enabled=true", "mtls.proxy.trusted-proxies=127.0.0.1,::1",
				"mtls.server.truststore.certificate=file:" + trust, "mtls.reload.quiet-period=200ms",
				"mtls.reload.period=1s")) {
			String pem = pki.ca().certificatePem();
			Files.writeString(trust, pem.substring(0, pem.length() / 2));
			MaterialReloadState state = app.getBean(MaterialReloadState.class);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(state.getBundle("mtls-server").lastError())
					.contains("mtls.server.truststore.certificate"));
			assertThat(state.getBundle("mtls-server").isFailing()).isTrue();
			assertThat(
					send(app,
							request(app).header("X-SSL-Client-Cert",
									ForwardedCertificateIntegrationTests.escaped(pki.client())))
						.statusCode())
				.isEqualTo(200);
		}
	}

	private static ConfigurableApplicationContext rfc9440(TestPki pki) {
		return ForwardedCertificateIntegrationTests.start(pki, "mtls.proxy.trusted-proxies=127.0.0.1,::1",
				"mtls.proxy.format=rfc9440");
	}

	private static String bytes(IssuedCertificate certificate) throws CertificateEncodingException {
		return bytes(certificate.certificate());
	}

	private static String bytes(X509Certificate certificate) throws CertificateEncodingException {
		return ":" + Base64.getEncoder().encodeToString(certificate.getEncoded()) + ":";
	}

	private static HttpRequest.Builder request(ConfigurableApplicationContext app) {
		return HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + TestServerApplication.serverPort(app) + "/api/whoami"));
	}

	private static HttpResponse<String> send(ConfigurableApplicationContext app, HttpRequest.Builder request)
			throws Exception {
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertRefused(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(JsonPath.parse(response.body()).read("$.detail", String.class)).contains(reason);
	}

}
