package dev.mtls.boot.actuate;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code mtls} endpoint, health contributor, metrics, audit events and startup
 * summary against real certificates over real TLS.
 */
@ExtendWith(OutputCaptureExtension.class)
class MtlsActuateIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void endpointShowsServerIdentityTrustedCasClientsAndLifecycleWithoutSecrets(CapturedOutput output)
			throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki)) {
			HttpResponse<String> response = get(context, pki, pki.client(), "/actuator/mtls");
			assertThat(response.statusCode()).isEqualTo(200);
			DocumentContext json = JsonPath.parse(response.body());
			X509Facts server = new X509Facts(pki.server());
			assertThat(json.read("$.server.bundle", String.class)).isEqualTo("mtls-server");
			assertThat(json.read("$.server.identity[0].subject", String.class)).isEqualTo("CN=localhost");
			assertThat(json.read("$.server.identity[0].issuer", String.class)).isEqualTo("CN=Test CA,O=mtls tests");
			assertThat(json.read("$.server.identity[0].serialNumber", String.class)).isEqualTo(server.serial);
			assertThat(json.read("$.server.identity[0].sha256Fingerprint", String.class))
				.isEqualTo(pki.server().fingerprint());
			assertThat(json.read("$.server.identity[0].subjectAlternativeNames", List.class))
				.containsExactlyInAnyOrder("DNS:localhost", "IP:127.0.0.1");
			assertThat(json.read("$.server.identity[0].daysLeft", Integer.class)).isBetween(89, 90);
			assertThat(json.read("$.server.identity[0].status", String.class)).isEqualTo("VALID");
			assertThat(Instant.parse(json.read("$.server.identity[0].notAfter", String.class)))
				.isEqualTo(pki.server().certificate().getNotAfter().toInstant());
			assertThat(json.read("$.server.trustedCertificates[*].subject", List.class))
				.containsExactly("CN=Test CA,O=mtls tests");
			// Nobody configured mtls.client.*: the default client is not reported
			assertThat(json.read("$.clients", Map.class)).isEmpty();
			// Reload is on by default (mtls.reload.enabled).
			assertThat(json.read("$.reload.enabled", Boolean.class)).isTrue();
			assertThat(json.read("$.revocation.enabled", Boolean.class)).isFalse();
			assertThat(json.read("$.revocation.mode", String.class)).isEqualTo("not enabled");
			assertNoSecret(pki, response.body());
			assertNoSecret(pki, output.getAll());
		}
	}

	@Test
	void endpointIsNotAvailableUnlessExposed() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki,
				"management.endpoints.web.exposure.include=health")) {
			assertThat(context.getBeansOfType(MtlsEndpoint.class)).isEmpty();
			assertThat(get(context, pki, pki.client(), "/actuator/mtls").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void healthIsUpWithDaysLeftWhenMaterialIsValid() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki)) {
			HttpResponse<String> response = get(context, pki, pki.client(), "/actuator/health");
			assertThat(response.statusCode()).isEqualTo(200);
			DocumentContext json = JsonPath.parse(response.body());
			assertThat(json.read("$.components.mtls.status", String.class)).isEqualTo("UP");
			assertThat(json.read("$.components.mtls.details.server.daysLeft", Integer.class)).isBetween(89, 90);
			assertThat(json.read("$.components.mtls.details.server.trustedCertificates", Integer.class)).isEqualTo(1);
			assertThat(json.read("$.components.mtls.details.invalid", List.class)).isEmpty();
		}
	}

	@Test
	void healthListsCertificatesWithinBootsWarningThresholdAndStaysUp() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki,
				"management.health.ssl.certificate-validity-warning-threshold=100d")) {
			DocumentContext json = JsonPath.parse(get(context, pki, pki.client(), "/actuator/health").body());
			assertThat(json.read("$.components.mtls.status", String.class)).isEqualTo("UP");
			assertThat(json.read("$.components.mtls.details.server.status", String.class))
				.isEqualTo("WILL_EXPIRE_SOON");
			assertThat(json.read("$.components.mtls.details.expiringSoon[0]", String.class))
				.startsWith("server: certificate 'CN=localhost' expires in 8");
		}
	}

	@Test
	void healthIsDownWhenAnOwnCertificateIsExpired() throws Exception {
		TestPki pki = new TestPki(this.directory);
		Instant past = Instant.now().minus(Duration.ofDays(30));
		IssuedCertificate expired = CertificateBuilder.endEntity("CN=legacy-client")
			.clientAuth()
			.validFrom(past.minus(Duration.ofDays(60)))
			.validUntil(past)
			.issuedBy(pki.ca())
			.issue();
		expired.writePem(pki.path("legacy.crt"), pki.path("legacy.key"));
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki,
				"mtls.clients.legacy.keystore.certificate=" + pki.location("legacy.crt"),
				"mtls.clients.legacy.keystore.private-key=" + pki.location("legacy.key"))) {
			HttpResponse<String> response = get(context, pki, pki.client(), "/actuator/health");
			assertThat(response.statusCode()).isEqualTo(503);
			DocumentContext json = JsonPath.parse(response.body());
			assertThat(json.read("$.components.mtls.status", String.class)).isEqualTo("DOWN");
			assertThat(json.read("$.components.mtls.details.clients.legacy.status", String.class)).isEqualTo("EXPIRED");
			assertThat(json.read("$.components.mtls.details.clients.legacy.daysLeft", Integer.class)).isNegative();
			assertThat(json.read("$.components.mtls.details.invalid[0]", String.class))
				.startsWith("client 'legacy': certificate 'CN=legacy-client' is EXPIRED");
			DocumentContext endpoint = JsonPath.parse(get(context, pki, pki.client(), "/actuator/mtls").body());
			assertThat(endpoint.read("$.clients.legacy.identity[0].status", String.class)).isEqualTo("EXPIRED");
			assertThat(endpoint.read("$.clients.legacy.bundle", String.class)).isEqualTo("mtls-client-legacy");
		}
	}

	@Test
	void expiryGaugesCoverOwnAndTrustedCertificates() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki)) {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			double serverLeft = registry.get("mtls.certificate.expiry")
				.tag("bundle", "mtls-server")
				.tag("usage", "identity")
				.tag("subject", "CN=localhost")
				.gauge()
				.value();
			assertThat(serverLeft).isBetween(Duration.ofDays(89).toSeconds() * 1.0,
					Duration.ofDays(90).toSeconds() * 1.0);
			assertThat(registry.get("mtls.certificate.expiry")
				.tag("bundle", "mtls-server")
				.tag("usage", "trust")
				.tag("subject", "CN=Test CA,O=mtls tests")
				.gauge()
				.value()).isPositive();
		}
	}

	@Test
	void expiryGaugesFollowAnUpdateOfTheServerBundle() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki)) {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			String oldSerial = pki.server().certificate().getSerialNumber().toString(16);
			assertThat(serverIdentityGauges(registry)).extracting((gauge) -> gauge.getId().getTag("serial"))
				.containsExactly(oldSerial);
			IssuedCertificate renewed = TestPki.server(pki.ca(), Instant.now().plus(Duration.ofDays(30)));
			String newSerial = renewed.certificate().getSerialNumber().toString(16);
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			trustStore.setCertificateEntry("ca", pki.ca().certificate());
			SslStoreBundle stores = SslStoreBundle.of(renewed.toKeyStore("PKCS12", "mtls", TestPki.PASSWORD),
					TestPki.PASSWORD, trustStore);
			context.getBean(SslBundleRegistry.class)
				.updateBundle("mtls-server", SslBundle.of(stores, SslBundleKey.of(TestPki.PASSWORD, "mtls")));
			// The new key entry holds the chain: leaf and CA
			assertThat(serverIdentityGauges(registry)).extracting((gauge) -> gauge.getId().getTag("serial"))
				.containsExactlyInAnyOrder(newSerial, pki.ca().certificate().getSerialNumber().toString(16));
			assertThat(registry.get("mtls.certificate.expiry")
				.tag("bundle", "mtls-server")
				.tag("usage", "identity")
				.tag("serial", newSerial)
				.gauge()
				.value()).isBetween(Duration.ofDays(29).toSeconds() * 1.0, Duration.ofDays(30).toSeconds() * 1.0);
			assertThat(registry.find("mtls.certificate.expiry")
				.tag("bundle", "mtls-server")
				.tag("serial", oldSerial)
				.gauges()).isEmpty();
			assertThat(registry.get("mtls.certificate.expiry")
				.tag("bundle", "mtls-server")
				.tag("usage", "trust")
				.tag("subject", "CN=Test CA,O=mtls tests")
				.gauges()).hasSize(1);
			assertThat(registry.get("mtls.reloads").tag("result", "success").counter().count()).isEqualTo(1);
		}
	}

	private static List<Gauge> serverIdentityGauges(MeterRegistry registry) {
		return List.copyOf(registry.find("mtls.certificate.expiry")
			.tag("bundle", "mtls-server")
			.tag("usage", "identity")
			.gauges());
	}

	@Test
	void reloadAndRevocationReportedThroughTheRecorderAppearInEndpointAndMetrics() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki)) {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("mtls.reloads").tag("result", "failure").counter().count()).isZero();
			assertThat(registry.get("mtls.revocation.checks").tag("result", "revoked").counter().count()).isZero();
			MtlsLifecycleRecorder recorder = context.getBean(MtlsLifecycleRecorder.class);
			recorder.reloadEnabled();
			recorder.reloadFailed("mtls-server", "'server.crt' does not match 'server.key'");
			recorder.revocationEnabled("ocsp");
			recorder.revocationSources(null, 3);
			recorder.revocationChecked(MtlsLifecycleRecorder.REVOCATION_REVOKED);
			assertThat(registry.get("mtls.reloads").tag("result", "failure").counter().count()).isEqualTo(1);
			assertThat(registry.get("mtls.revocation.checks").tag("result", "revoked").counter().count()).isEqualTo(1);
			DocumentContext json = JsonPath.parse(get(context, pki, pki.client(), "/actuator/mtls").body());
			assertThat(json.read("$.reload.enabled", Boolean.class)).isTrue();
			assertThat(json.read("$.reload.lastError", String.class))
				.isEqualTo("mtls-server: 'server.crt' does not match 'server.key'");
			assertThat(json.read("$.reload.failures", Integer.class)).isEqualTo(1);
			assertThat(json.read("$.revocation.mode", String.class)).isEqualTo("ocsp");
			assertThat(json.read("$.revocation.ocspCacheSize", Integer.class)).isEqualTo(3);
		}
	}

	@Test
	void logsOneStartupSummaryLine(CapturedOutput output) throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki, "mtls.auth.default-roles=USER",
				"mtls.auth.roles.admin-client=ADMIN")) {
			int port = TestServerApplication.mtlsPort(context);
			List<String> lines = output.getAll().lines().filter((line) -> line.contains("mTLS ready:")).toList();
			assertThat(lines).hasSize(1);
			assertThat(lines.get(0)).contains(" INFO ")
				.contains("ports " + port + " (mTLS)")
				.contains("client-auth=want")
				.contains("trust anchors=1 (bundle mtls-server)")
				.contains("principal=cn")
				.contains("roles: default [USER] + 2 principal(s) in mtls.auth.roles")
				.contains("proxy=off")
				.contains("revocation=not enabled")
				.contains("reload=on")
				.contains("clients=[]");
			assertNoSecret(pki, output.getAll());
		}
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext context, TestPki pki,
			IssuedCertificate identity, String path) throws Exception {
		return MtlsClient.of(identity, pki.ca())
			.get("https://localhost:" + TestServerApplication.mtlsPort(context) + path);
	}

	private static void assertNoSecret(TestPki pki, String text) {
		assertThat(text).doesNotContain("PRIVATE KEY")
			.doesNotContain(TestPki.PASSWORD)
			.doesNotContain(Base64.getEncoder().encodeToString(pki.server().privateKey().getEncoded()).substring(0, 40))
			.doesNotContain(
					Base64.getEncoder().encodeToString(pki.client().privateKey().getEncoded()).substring(0, 40));
	}

	private record X509Facts(String serial) {

		X509Facts(IssuedCertificate certificate) {
			this(certificate.certificate().getSerialNumber().toString(16));
		}

	}

}
