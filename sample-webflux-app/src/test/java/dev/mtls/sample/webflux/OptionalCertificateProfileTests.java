package dev.mtls.sample.webflux;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.test.MtlsTest;
import dev.mtls.boot.test.MtlsTestServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's {@code optional} profile: client certificates requested, not required, on
 * {@code /api/public/**}. Written with mtls-spring-boot-test.
 */
@MtlsTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("optional")
class OptionalCertificateProfileTests {

	@Test
	void publicPathServesAnonymousAndCertificateCallersWhileOthersStillDemandOne(MtlsTestServer server)
			throws Exception {
		HttpResponse<String> anonymous = server.getWithoutCertificate("/api/public/hello");
		assertThat(anonymous.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(anonymous.body()).read("$.caller", String.class)).isEqualTo("anonymous");
		HttpResponse<String> alice = server.get("CN=alice", "/api/public/hello");
		assertThat(JsonPath.parse(alice.body()).read("$.caller", String.class)).isEqualTo("alice");
		HttpResponse<String> whoami = server.getWithoutCertificate("/api/whoami");
		assertThat(whoami.statusCode()).isEqualTo(401);
	}

}
