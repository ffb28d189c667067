package dev.mtls.boot.actuate;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import dev.mtls.boot.testing.WebStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator endpoints on the starter's default chain are for operators: a certificate
 * without one of {@code mtls.auth.actuator-roles} gets 403, health stays open.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(WebStack.class)
class ActuatorAccessIntegrationTests {

	@Parameter
	WebStack stack;

	@TempDir
	Path directory;

	@Test
	void certificateWithoutOperatorRoleIsForbiddenOnActuatorEndpointsButNotOnHealth() throws Exception {
		TestPki pki = new TestPki(this.directory);
		IssuedCertificate partner = CertificateBuilder.endEntity("CN=partner").clientAuth().issuedBy(pki.ca()).issue();
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(this.stack, pki)) {
			HttpResponse<String> mtls = get(this.stack, context, pki, partner, "/actuator/mtls");
			assertThat(mtls.statusCode()).isEqualTo(403);
			assertThat(mtls.body()).doesNotContain("CN=localhost");
			assertThat(get(this.stack, context, pki, partner, "/actuator/metrics").statusCode()).isEqualTo(403);
			assertThat(get(this.stack, context, pki, partner, "/actuator").statusCode()).isEqualTo(403);
			assertThat(get(this.stack, context, pki, partner, "/hello").statusCode()).isEqualTo(200);
			HttpResponse<String> health = get(this.stack, context, pki, partner, "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(health.body()).read("$.status", String.class)).isEqualTo("UP");
			assertThat(get(this.stack, context, pki, null, "/actuator/health").statusCode()).isEqualTo(200);
			assertThat(get(this.stack, context, pki, null, "/actuator/mtls").statusCode()).isEqualTo(401);
			assertThat(get(this.stack, context, pki, pki.client(), "/actuator/mtls").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void actuatorRolesAreConfigurable() throws Exception {
		TestPki pki = new TestPki(this.directory);
		IssuedCertificate ops = CertificateBuilder.endEntity("CN=ops").clientAuth().issuedBy(pki.ca()).issue();
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(this.stack, pki,
				"mtls.auth.actuator-roles=OPS,SRE", "mtls.auth.roles.ops=SRE")) {
			assertThat(get(this.stack, context, pki, ops, "/actuator/mtls").statusCode()).isEqualTo(200);
			assertThat(get(this.stack, context, pki, pki.client(), "/actuator/mtls").statusCode()).isEqualTo(403);
		}
	}

	private static HttpResponse<String> get(WebStack stack, ConfigurableApplicationContext context, TestPki pki,
			IssuedCertificate identity, String path) throws Exception {
		return MtlsClient.of(identity, pki.ca())
			.get("https://localhost:" + TestServerApplication.securePort(stack, context) + path);
	}

}
