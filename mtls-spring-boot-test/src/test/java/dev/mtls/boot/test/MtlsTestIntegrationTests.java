package dev.mtls.boot.test;

import dev.mtls.boot.auth.CertificatePrincipal;
import dev.mtls.boot.auth.RequireCertificate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * {@link MtlsTest} with an intermediate CA and PKCS12 stores against a real server.
 */
@MtlsTest(intermediates = 1, format = MtlsTestPki.Format.PKCS12)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mtls.auth.roles.admin-client=ADMIN")
class MtlsTestIntegrationTests {

	@Autowired
	private MtlsTestPki injectedPki;

	@Test
	void parameterAndBeanAreTheSamePki(MtlsTestPki pki) {
		assertThat(pki).isSameAs(this.injectedPki);
		assertThat(pki.intermediates()).hasSize(1);
		assertThat(pki.serverProperties()).containsEntry("mtls.server.keystore.type", "PKCS12");
	}

	@Test
	void httpClientGets200And403(MtlsTestServer server) throws Exception {
		assertThat(server.get("CN=admin-client", "/admin").body()).isEqualTo("admin admin-client");
		assertThat(server.get("CN=alice", "/admin").statusCode()).isEqualTo(403);
	}

	@Test
	void restClientReturnsErrorStatusesInsteadOfThrowing(MtlsTestServer server) {
		assertThat(
				server.restClient("CN=alice").get().uri("/admin").retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(403);
	}

	@Test
	void webTestClientCarriesTheCertificate(MtlsTestServer server) {
		MtlsWebTestClients.webTestClient(server, "CN=admin-client")
			.get()
			.uri("/admin")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void clientBuilderSetsSansAndTheServerSeesThem(MtlsTestServer server, MtlsTestPki pki) throws Exception {
		var certificate = pki.clientBuilder("CN=svc").uris("spiffe://example.org/svc").issue();
		assertThat(server.get(certificate, "/whoami").body()).isEqualTo("svc spiffe://example.org/svc");
	}

	@Test
	void untrustedClientIsRefusedInTheHandshake(MtlsTestServer server, MtlsTestPki pki) {
		assertThatIOException().isThrownBy(() -> server.get(pki.untrustedClient("CN=mallory"), "/admin"));
	}

	@Test
	void noCertificateIsRefusedInTheHandshake(MtlsTestServer server) {
		assertThatIOException().isThrownBy(() -> server.getWithoutCertificate("/admin"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(TestController.class)
	static class TestApplication {

	}

	@RestController
	static class TestController {

		@GetMapping("/admin")
		@RequireCertificate(roles = "ADMIN")
		String admin(@AuthenticationPrincipal CertificatePrincipal caller) {
			return "admin " + caller.getName();
		}

		@GetMapping("/whoami")
		String whoami(@AuthenticationPrincipal CertificatePrincipal caller) {
			return caller.getName() + " " + caller.getSpiffeId();
		}

	}

}
