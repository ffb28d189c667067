package dev.mtls.boot.actuate;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expiry that helps: one threshold for log, health and endpoint, hours below a day, one
 * WARN per certificate and crossing, health DOWN below the critical threshold.
 */
@ExtendWith(OutputCaptureExtension.class)
class CertificateExpiryIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void certificateExpiringWithinADayIsReportedInHoursOnceAndCanTurnHealthDown(CapturedOutput output)
			throws Exception {
		TestPki pki = new TestPki(this.directory);
		IssuedCertificate soon = TestPki.server(pki.ca(), Instant.now().plus(Duration.ofHours(20)));
		soon.writePem(pki.path("soon.crt"), pki.path("soon.key"));
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki,
				"mtls.server.keystore.certificate=" + pki.location("soon.crt"),
				"mtls.server.keystore.private-key=" + pki.location("soon.key"), "mtls.expiry.warning-threshold=30d",
				"mtls.expiry.critical-threshold=1d")) {
			CertificateExpiryWarnings warnings = context.getBean(CertificateExpiryWarnings.class);
			warnings.check();
			warnings.check();
			List<String> lines = output.getAll()
				.lines()
				.filter((line) -> line.contains("server certificate 'CN=localhost'"))
				.toList();
			assertThat(lines).hasSize(1);
			assertThat(lines.get(0)).contains("WARN", soon.fingerprint(), "expires in 19 hours",
					"within mtls.expiry.critical-threshold of 1 day: health is DOWN");
			// The CA (valid for years) is within 30 days? No: it is not reported.
			assertThat(output.getAll()).doesNotContain("trusted CA 'CN=Test CA");
			HttpResponse<String> health = MtlsClient.of(pki.client(), pki.ca())
				.get("https://localhost:" + TestServerApplication.serverPort(context) + "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(503);
			DocumentContext json = JsonPath.parse(health.body());
			assertThat(json.read("$.components.mtls.status", String.class)).isEqualTo("DOWN");
			assertThat(json.read("$.components.mtls.details.invalid[0]", String.class)).contains("expires in 19 hours")
				.contains("within mtls.expiry.critical-threshold");
		}
	}

}
