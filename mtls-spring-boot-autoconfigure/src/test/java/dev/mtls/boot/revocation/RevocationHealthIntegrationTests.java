package dev.mtls.boot.revocation;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.mtls.boot.revocation.RevocationIntegrationTests.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CRL past its nextUpdate turns the {@code mtls} health DOWN, over real TLS with
 * Actuator.
 */
@ExtendWith(OutputCaptureExtension.class)
class RevocationHealthIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void healthIsDownWhileTheCrlIsPastItsNextUpdate(CapturedOutput output) throws Exception {
		TestPki pki = new TestPki(this.directory);
		// Five minutes late: still used by the JDK (it allows 15 minutes), no longer
		// fresh.
		String crl = TestCrl.of(pki.ca())
			.number(42)
			.thisUpdate(Instant.now().minus(Duration.ofHours(1)))
			.nextUpdate(Instant.now().minus(Duration.ofMinutes(5)))
			.write(this.directory.resolve("late.crl"));
		try (ConfigurableApplicationContext app = start(pki, "mtls.revocation.crl=" + crl,
				"management.endpoints.web.exposure.include=health", "management.endpoint.health.show-details=always")) {
			HttpResponse<String> response = MtlsClient.of(pki.client(), pki.ca())
				.get("https://localhost:" + TestServerApplication.mtlsPort(app) + "/actuator/health");
			assertThat(response.statusCode()).isEqualTo(503);
			DocumentContext json = JsonPath.parse(response.body());
			assertThat(json.read("$.components.mtls.status", String.class)).isEqualTo("DOWN");
			assertThat(json.read("$.components.mtls.details.invalid[0]", String.class))
				.startsWith("revocation: CRL of 'CN=Test CA,O=mtls tests' (number 42) is past its nextUpdate");
			assertThat(output).contains("number 42", "is past its nextUpdate");
		}
	}

	@Test
	void healthStaysUpWithinTheGrace() throws Exception {
		TestPki pki = new TestPki(this.directory);
		String crl = TestCrl.of(pki.ca())
			.thisUpdate(Instant.now().minus(Duration.ofHours(1)))
			.nextUpdate(Instant.now().minus(Duration.ofMinutes(5)))
			.write(this.directory.resolve("late.crl"));
		try (ConfigurableApplicationContext app = start(pki, "mtls.revocation.crl=" + crl,
				"mtls.revocation.crl-next-update-grace=1h", "management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-details=always")) {
			HttpResponse<String> response = MtlsClient.of(pki.client(), pki.ca())
				.get("https://localhost:" + TestServerApplication.mtlsPort(app) + "/actuator/health");
			assertThat(JsonPath.parse(response.body()).read("$.components.mtls.status", String.class)).isEqualTo("UP");
		}
	}

}
