package dev.mtls.sample;

import dev.mtls.boot.test.MtlsTest;
import dev.mtls.boot.test.MtlsTestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's test written with mtls-spring-boot-test: issue client certificates, call the
 * app, assert 200 / 403.
 * <p>
 * Specified once, run against both samples: concrete subclasses in sample-app and
 * sample-webflux-app name their application class
 * ({@code @SpringBootTest(classes = ...)}).
 */
@MtlsTest
public abstract class SampleAppWithTestModuleSpecification {

	@Test
	void adminEndpointAdmitsAdminClientOnly(MtlsTestServer server) throws Exception {
		assertThat(server.get("CN=admin-client", "/api/admin").statusCode()).isEqualTo(200);
		assertThat(server.get("CN=alice", "/api/admin").statusCode()).isEqualTo(403);
	}

}
