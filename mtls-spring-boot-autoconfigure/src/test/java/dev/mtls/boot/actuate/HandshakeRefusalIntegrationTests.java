package dev.mtls.boot.actuate;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.server.MtlsServerSslBundleRegistrar;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import dev.mtls.boot.testing.TestSslImplementation;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * TLS handshakes refused by Tomcat, seen by the operator: a WARN line, the
 * {@code mtls.handshake.failures} counter and the latest refusals in the {@code mtls}
 * endpoint, over real TLS with real certificates.
 */
@ExtendWith(OutputCaptureExtension.class)
class HandshakeRefusalIntegrationTests {

	/**
	 * Where the refusals come from: Tomcat's OpenSSL engine reports failed handshakes
	 * without the client's address.
	 */
	private static final String PEER = TestSslImplementation.isOpenSsl() ? "unknown peer" : "127.0.0.1";

	@TempDir
	Path directory;

	@Test
	void expiredClientCertificateIsLoggedCountedAndShown(CapturedOutput output) throws Exception {
		TestPki pki = new TestPki(this.directory);
		Instant past = Instant.now().minus(Duration.ofDays(3));
		IssuedCertificate expired = CertificateBuilder.endEntity("CN=expired-partner,O=mtls tests")
			.clientAuth()
			.validFrom(past.minus(Duration.ofDays(30)))
			.validUntil(past)
			.issuedBy(pki.ca())
			.issue();
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki,
				"mtls.server.client-auth=need")) {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(context, pki, expired, "/hello"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> registry.get("mtls.handshake.failures").tag("reason", "expired").counter().count() >= 1);
			assertThat(output).contains("TLS handshake refused (reason=expired) from " + PEER + ": client certificate "
					+ "subject='CN=expired-partner,O=mtls tests', issuer='CN=Test CA,O=mtls tests', sha256="
					+ expired.fingerprint());
			HttpResponse<String> metric = get(context, pki, pki.client(),
					"/actuator/metrics/mtls.handshake.failures?tag=reason:expired");
			assertThat(metric.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(metric.body()).read("$.measurements[0].value", Double.class))
				.isGreaterThanOrEqualTo(1.0);
			DocumentContext endpoint = JsonPath.parse(get(context, pki, pki.client(), "/actuator/mtls").body());
			assertThat(endpoint.read("$.handshakeRefusals[0].reason", String.class)).isEqualTo("EXPIRED");
			assertThat(endpoint.read("$.handshakeRefusals[0]", Map.class).get("peerAddress"))
				.isEqualTo(TestSslImplementation.isOpenSsl() ? null : PEER);
			assertThat(endpoint.read("$.handshakeRefusals[0].fingerprint", String.class))
				.isEqualTo(expired.fingerprint());
		}
	}

	@Test
	void untrustedAndMissingClientCertificatesAreCountedWithTheirReason(CapturedOutput output) throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki,
				"mtls.server.client-auth=need")) {
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> get(context, pki, pki.untrustedClient(), "/hello"));
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(context, pki, null, "/hello"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> count(registry, "untrusted") >= 1 && count(registry, "no-certificate") >= 1);
			assertThat(output)
				.contains("TLS handshake refused (reason=untrusted) from " + PEER + ": client certificate "
						+ "subject='CN=mallory', issuer='CN=Other CA'")
				.contains("TLS handshake refused (reason=no-certificate) from " + PEER);
			assertThat(get(context, pki, pki.client(), "/hello").statusCode()).isEqualTo(200);
			assertThat(count(registry, "expired") + count(registry, "protocol") + count(registry, "other")).isZero();
		}
	}

	@Test
	void refusalsAreStillObservedAfterTheServerMaterialIsReloaded() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki,
				"mtls.server.client-auth=need")) {
			IssuedCertificate renewed = TestPki.server(pki.ca(), Instant.now().plus(Duration.ofDays(60)));
			renewed.writePem(pki.path("server.crt"), pki.path("server.key"));
			context.getBean(SslBundleRegistry.class)
				.updateBundle(MtlsServerSslBundleRegistrar.BUNDLE_NAME,
						context.getBean(MtlsServerSslBundleRegistrar.class).loadBundle());
			HttpResponse<String> response = get(context, pki, pki.client(), "/hello");
			assertThat(response.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(renewed.certificate());
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> get(context, pki, pki.untrustedClient(), "/hello"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> count(registry, "untrusted") >= 1);
		}
	}

	@Test
	void refusalsOnTheDedicatedMtlsPortAreObserved() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki, "mtls.server.port=0",
				"mtls.server.client-auth=need")) {
			int port = TestServerApplication.mtlsPort(context);
			assertThat(port).isNotEqualTo(TestServerApplication.serverPort(context));
			assertThatExceptionOfType(IOException.class).isThrownBy(
					() -> MtlsClient.of(pki.untrustedClient(), pki.ca()).get("https://localhost:" + port + "/hello"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> count(registry, "untrusted") >= 1);
		}
	}

	private static double count(MeterRegistry registry, String reason) {
		return registry.get("mtls.handshake.failures").tag("reason", reason).counter().count();
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext context, TestPki pki,
			IssuedCertificate identity, String path) throws Exception {
		return MtlsClient.of(identity, pki.ca())
			.get("https://localhost:" + TestServerApplication.serverPort(context) + path);
	}

}
