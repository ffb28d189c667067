package dev.mtls.boot.actuate;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import dev.mtls.boot.testing.WebStack;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator endpoints on the starter's default chain are for operators: a certificate
 * without one of {@code mtls.auth.actuator-roles} gets 403, health stays open; accepted
 * and refused certificates are counted and audited. On both web stacks.
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

	@Test
	void acceptedAndRefusedCertificatesAreCountedAndAudited() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(this.stack, pki,
				"mtls.auth.allowed-fingerprints=" + pki.client().fingerprint())) {
			IssuedCertificate bob = CertificateBuilder.endEntity("CN=bob").clientAuth().issuedBy(pki.ca()).issue();
			assertThat(get(this.stack, context, pki, pki.client(), "/hello").statusCode()).isEqualTo(200);
			assertThat(get(this.stack, context, pki, pki.client(), "/hello").statusCode()).isEqualTo(200);
			assertThat(get(this.stack, context, pki, bob, "/hello").statusCode()).isEqualTo(401);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("mtls.authentications").tag("outcome", "success").counter().count()).isEqualTo(2);
			assertThat(registry.get("mtls.authentications")
				.tag("outcome", "failure")
				.tag("reason", "certificate is not in mtls.auth.allowed-fingerprints")
				.counter()
				.count()).isEqualTo(1);
			HttpResponse<String> metric = get(this.stack, context, pki, pki.client(),
					"/actuator/metrics/mtls.authentications?tag=outcome:failure");
			assertThat(metric.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(metric.body()).read("$.measurements[0].value", Double.class)).isEqualTo(1.0);

			AuditEventRepository audit = context.getBean(AuditEventRepository.class);
			List<AuditEvent> failures = audit.find(null, null, "MTLS_AUTHENTICATION_FAILURE");
			assertThat(failures).hasSize(1);
			Map<String, Object> data = failures.get(0).getData();
			assertThat(failures.get(0).getPrincipal()).isEqualTo("bob");
			assertThat(data).containsEntry("subject", "CN=bob")
				.containsEntry("issuer", "CN=Test CA,O=mtls tests")
				.containsEntry("serial", bob.certificate().getSerialNumber().toString(16))
				.containsEntry("fingerprint", bob.fingerprint())
				.containsEntry("reason", "certificate is not in mtls.auth.allowed-fingerprints")
				.containsEntry("remoteAddress", "127.0.0.1");
			List<AuditEvent> successes = audit.find("alice", null, "MTLS_AUTHENTICATION_SUCCESS");
			assertThat(successes).hasSizeGreaterThanOrEqualTo(2);
			assertThat(successes.get(0).getData()).containsEntry("subject", "CN=alice,O=mtls tests")
				.containsEntry("fingerprint", pki.client().fingerprint())
				.containsEntry("remoteAddress", "127.0.0.1")
				.doesNotContainKey("reason");
		}
	}

	private static HttpResponse<String> get(WebStack stack, ConfigurableApplicationContext context, TestPki pki,
			IssuedCertificate identity, String path) throws Exception {
		return MtlsClient.of(identity, pki.ca())
			.get("https://localhost:" + TestServerApplication.securePort(stack, context) + path);
	}

}
