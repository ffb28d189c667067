package dev.mtls.sample.webflux;

import dev.mtls.boot.test.MtlsTest;
import dev.mtls.boot.test.MtlsTestServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's test written with mtls-spring-boot-test: issue client certificates, call the
 * app, assert 200 / 403.
 */
@MtlsTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleAppWithTestModuleTests {

	@Test
	void adminEndpointAdmitsAdminClientOnly(MtlsTestServer server) throws Exception {
		assertThat(server.get("CN=admin-client", "/api/admin").statusCode()).isEqualTo(200);
		assertThat(server.get("CN=alice", "/api/admin").statusCode()).isEqualTo(403);
	}

}
