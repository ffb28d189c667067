package dev.mtls.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Acceptance of the operations features: after a few accepted and refused calls,
 * {@code /actuator/mtls}, {@code /actuator/health} and
 * {@code /actuator/metrics/mtls.authentications} show them.
 * <p>
 * Specified once, run against both samples: concrete subclasses in sample-app and
 * sample-webflux-app name their application class.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class OperationsEndpointsSpecification {

	@TempDir
	Path pki;

	@Test
	void actuatorShowsMaterialHealthAndAuthenticationsAfterAcceptedAndRefusedCalls(CapturedOutput output)
			throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(applicationClass(), "--server.port=0",
				"--mtls.dev-pki.directory=" + this.pki)) {
			int port = context.getEnvironment().getRequiredProperty("local.mtls.port", Integer.class);
			issueAmbiguousClient();
			var alice = SampleApplicationSpecification.client(this.pki, "alice");
			assertThat(SampleApplicationSpecification.send(alice, port, "/api/whoami").statusCode()).isEqualTo(200);
			assertThat(SampleApplicationSpecification.send(alice, port, "/api/whoami").statusCode()).isEqualTo(200);
			HttpResponse<String> refused = SampleApplicationSpecification
				.send(SampleApplicationSpecification.client(this.pki, "eve"), port, "/api/whoami");
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> SampleApplicationSpecification
				.send(SampleApplicationSpecification.client(this.pki, null), port, "/api/whoami"));

			var operator = SampleApplicationSpecification.client(this.pki, "admin-client");
			assertThat(SampleApplicationSpecification.send(alice, port, "/actuator/mtls").statusCode()).isEqualTo(403);
			assertThat(SampleApplicationSpecification.send(alice, port, "/actuator/metrics").statusCode())
				.isEqualTo(403);
			HttpResponse<String> mtls = SampleApplicationSpecification.send(operator, port, "/actuator/mtls");
			assertThat(mtls.statusCode()).isEqualTo(200);
			DocumentContext endpoint = JsonPath.parse(mtls.body());
			assertThat(endpoint.read("$.server.identity[0].subject", String.class)).isEqualTo("CN=localhost");
			assertThat(endpoint.read("$.server.trustedCertificates[0].subject", String.class))
				.startsWith("CN=mtls-spring-boot development CA");
			assertThat(endpoint.read("$.clients.partner.identity[0].subject", String.class)).isEqualTo("CN=alice");
			assertThat(endpoint.read("$.revocation.mode", String.class)).isEqualTo("not enabled");
			assertThat(mtls.body()).doesNotContain("PRIVATE KEY").doesNotContain("changeit");

			HttpResponse<String> health = SampleApplicationSpecification.send(alice, port, "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			DocumentContext healthJson = JsonPath.parse(health.body());
			assertThat(healthJson.read("$.components.mtls.status", String.class)).isEqualTo("UP");
			assertThat(healthJson.read("$.components.mtls.details.server.daysLeft", Integer.class)).isPositive();

			DocumentContext failures = JsonPath.parse(SampleApplicationSpecification
				.send(operator, port, "/actuator/metrics/mtls.authentications?tag=outcome:failure")
				.body());
			assertThat(failures.read("$.measurements[0].value", Double.class)).isEqualTo(1.0);
			assertThat(failures.read("$.availableTags[?(@.tag=='reason')].values[*]", List.class))
				.anySatisfy((reason) -> assertThat(reason.toString()).startsWith("certificate has 2 CN"));
			DocumentContext successes = JsonPath.parse(SampleApplicationSpecification
				.send(operator, port, "/actuator/metrics/mtls.authentications?tag=outcome:success")
				.body());
			assertThat(successes.read("$.measurements[0].value", Double.class)).isGreaterThanOrEqualTo(2.0);
			DocumentContext handshakes = JsonPath.parse(SampleApplicationSpecification
				.send(operator, port, "/actuator/metrics/mtls.handshake.failures?tag=reason:no-certificate")
				.body());
			assertThat(handshakes.read("$.measurements[0].value", Double.class)).isGreaterThanOrEqualTo(1.0);
			assertThat(output.getAll()).contains("TLS handshake refused (reason=no-certificate) from 127.0.0.1");
			assertThat(output.getAll()).contains("mTLS ready: ports " + port + " (mTLS), client-auth=need");
			assertThat(output.getAll()).doesNotContain("PRIVATE KEY");
		}
	}

	/**
	 * A certificate from the development CA whose two CNs make the principal ambiguous:
	 * the TLS handshake accepts it, certificate authentication refuses it.
	 */
	private void issueAmbiguousClient() throws Exception {
		X509Certificate caCertificate = PemContent.load(this.pki.resolve("ca.crt")).getCertificates().get(0);
		IssuedCertificate ca = new IssuedCertificate(caCertificate,
				PemContent.load(this.pki.resolve("ca.key")).getPrivateKey(), List.of(caCertificate));
		IssuedCertificate eve = CertificateBuilder.endEntity("CN=eve,CN=mallory").clientAuth().issuedBy(ca).issue();
		eve.writeKeyStore(this.pki.resolve("eve.p12"), "PKCS12", "eve", "changeit");
	}

	/**
	 * The sample's application class, started by {@link SpringApplication#run}.
	 * @return the application class
	 */
	protected abstract Class<?> applicationClass();

}
