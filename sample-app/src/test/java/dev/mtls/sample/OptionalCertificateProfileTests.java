package dev.mtls.sample;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's {@code optional} profile: client certificates requested, not required, on
 * {@code /api/public/**}.
 */
class OptionalCertificateProfileTests {

	@TempDir
	Path pki;

	@Test
	void publicPathServesAnonymousAndCertificateCallersWhileOthersStillDemandOne() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class,
				"--server.port=0", "--mtls.dev-pki.directory=" + this.pki, "--spring.profiles.active=optional")) {
			int port = context.getEnvironment().getRequiredProperty("local.mtls.port", Integer.class);
			HttpResponse<String> anonymous = SampleApplicationTests.send(SampleApplicationTests.client(this.pki, null),
					port, "/api/public/hello");
			assertThat(anonymous.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(anonymous.body()).read("$.caller", String.class)).isEqualTo("anonymous");
			HttpResponse<String> alice = SampleApplicationTests.send(SampleApplicationTests.client(this.pki, "alice"),
					port, "/api/public/hello");
			assertThat(JsonPath.parse(alice.body()).read("$.caller", String.class)).isEqualTo("alice");
			HttpResponse<String> whoami = SampleApplicationTests.send(SampleApplicationTests.client(this.pki, null),
					port, "/api/whoami");
			assertThat(whoami.statusCode()).isEqualTo(401);
		}
	}

}
