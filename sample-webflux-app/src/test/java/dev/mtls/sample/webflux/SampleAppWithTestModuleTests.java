package dev.mtls.sample.webflux;

import dev.mtls.boot.test.MtlsTest;
import dev.mtls.boot.test.MtlsTestServer;
import dev.mtls.boot.test.MtlsWebTestClients;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's test written with mtls-spring-boot-test: issue client certificates, call the
 * app with the JDK client or a {@code WebTestClient}, assert 200 / 403.
 */
@MtlsTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleAppWithTestModuleTests {

	@Test
	void adminEndpointAdmitsAdminClientOnly(MtlsTestServer server) throws Exception {
		assertThat(server.get("CN=admin-client", "/api/admin").statusCode()).isEqualTo(200);
		assertThat(server.get("CN=alice", "/api/admin").statusCode()).isEqualTo(403);
	}

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
