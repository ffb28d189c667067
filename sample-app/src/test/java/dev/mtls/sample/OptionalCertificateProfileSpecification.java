package dev.mtls.sample;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.test.MtlsTest;
import dev.mtls.boot.test.MtlsTestServer;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's {@code optional} profile: client certificates requested, not required, on
 * {@code /api/public/**}. Written with mtls-spring-boot-test.
 * <p>
 * Specified once, run against both samples: concrete subclasses in sample-app and
 * sample-webflux-app name their application class
 * ({@code @SpringBootTest(classes = ...)}).
 */
@MtlsTest
@ActiveProfiles("optional")
public abstract class OptionalCertificateProfileSpecification {

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
