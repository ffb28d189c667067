package dev.mtls.sample.webflux;

import dev.mtls.boot.test.MtlsTestServer;
import dev.mtls.boot.test.MtlsWebTestClients;
import dev.mtls.sample.SampleAppWithTestModuleSpecification;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

/**
 * {@link SampleAppWithTestModuleSpecification} against the WebFlux sample (Reactor
 * Netty), plus the test module's {@code WebTestClient}: a WebFlux user's test client, so
 * it stays here (sample-app has no spring-webflux on its classpath).
 */
@SpringBootTest(classes = WebFluxSampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleAppWithTestModuleTests extends SampleAppWithTestModuleSpecification {

	@Test
	void webTestClientPresentsTheChosenCertificate(MtlsTestServer server) {
		MtlsWebTestClients.webTestClient(server, "CN=alice")
			.get()
			.uri("/api/whoami")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.principal")
			.isEqualTo("alice");
		MtlsWebTestClients.webTestClient(server, "CN=alice")
			.delete()
			.uri("/api/admin/notes/1")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		MtlsWebTestClients.webTestClient(server, "CN=admin-client")
			.get()
			.uri("/api/admin")
			.exchange()
			.expectStatus()
			.isOk();
	}

}
