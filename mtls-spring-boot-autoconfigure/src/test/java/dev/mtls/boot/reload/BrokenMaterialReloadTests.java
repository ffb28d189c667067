package dev.mtls.boot.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.server.MtlsServerSslBundleRegistrar;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Material that cannot be used is never applied: the server keeps serving with the
 * previous material, an ERROR names the property and the problem, and the state records
 * the failure; fixed material is then applied.
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokenMaterialReloadTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	@Test
	void keepsPreviousPemMaterialWhenNewFilesAreHalfWrittenMismatchedOrExpired(CapturedOutput output) throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = TestServerApplication
			.run(withReload(pki.pemServerProperties()))) {
			String url = "https://localhost:" + TestServerApplication.serverPort(context) + "/hello";
			MaterialReloadState state = context.getBean(MaterialReloadState.class);
			IssuedCertificate next = TestPki.server(pki.ca(), Instant.now().plus(Duration.ofDays(90)));

			String pem = next.certificatePem();
			Files.writeString(pki.path("server.crt"), pem.substring(0, pem.length() / 2));
			awaitLastError(state, "mtls.server.keystore.certificate");
			assertServes(pki, url, pki.server());

			Files.writeString(pki.path("server.crt"), pem);
			awaitLastError(state, "private key does not belong to certificate");
			assertServes(pki, url, pki.server());

			IssuedCertificate expired = CertificateBuilder.endEntity("CN=localhost")
				.dnsNames("localhost")
				.serverAuth()
				.validFrom(Instant.now().minus(Duration.ofDays(30)))
				.validUntil(Instant.now().minus(Duration.ofDays(1)))
				.issuedBy(pki.ca())
				.issue();
			expired.writePem(pki.path("server.crt"), pki.path("server.key"));
			awaitLastError(state, "expired on");
			assertServes(pki, url, pki.server());

			assertThat(output).contains("ERROR")
				.contains("Refused to reload SSL bundle 'mtls-server'")
				.contains("the previous material stays in use")
				.contains("Property: mtls.server.keystore.certificate")
				.contains("Property: mtls.server.keystore.private-key");
			assertThat(bundleState(state).successes()).isZero();
			assertThat(bundleState(state).isFailing()).isTrue();

			next.writePem(pki.path("server.crt"), pki.path("server.key"));
			await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertServes(pki, url, next));
			assertThat(bundleState(state).isFailing()).isFalse();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "PKCS12", "JKS" })
	void keepsPreviousKeyStoreWhenNewOneHasAnotherPasswordThenAppliesTheFixedOne(String type, CapturedOutput output)
			throws Exception {
		TestPki pki = new TestPki(this.directory);
		String file = type.equals("JKS") ? "server.jks" : "server.p12";
		try (ConfigurableApplicationContext context = TestServerApplication
			.run(withReload("mtls.server.keystore.location=" + pki.location(file),
					"mtls.server.keystore.password=" + TestPki.PASSWORD,
					"mtls.server.truststore.certificate=" + pki.location("ca.crt")))) {
			String url = "https://localhost:" + TestServerApplication.serverPort(context) + "/hello";
			MaterialReloadState state = context.getBean(MaterialReloadState.class);
			IssuedCertificate next = TestPki.server(pki.ca(), Instant.now().plus(Duration.ofDays(90)));

			next.writeKeyStore(pki.path(file), type, "server", "another-password");
			awaitLastError(state, "mtls.server.keystore.password");
			assertServes(pki, url, pki.server());
			assertThat(output).contains("Refused to reload SSL bundle 'mtls-server'")
				.contains("Property: mtls.server.keystore.password");

			next.writeKeyStore(pki.path(file), type, "server", TestPki.PASSWORD);
			await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertServes(pki, url, next));
			assertThat(bundleState(state).successes()).isGreaterThanOrEqualTo(1);
		}
	}

	private static MaterialReloadState.BundleReloadState bundleState(MaterialReloadState state) {
		return state.getBundle(MtlsServerSslBundleRegistrar.BUNDLE_NAME);
	}

	private static void awaitLastError(MaterialReloadState state, String text) {
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(bundleState(state).lastError()).contains(text));
	}

	private static void assertServes(TestPki pki, String url, IssuedCertificate serverCertificate) throws Exception {
		var response = MtlsClient.of(pki.client(), pki.ca()).get(url);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.sslSession().orElseThrow().getPeerCertificates()[0])
			.isEqualTo(serverCertificate.certificate());
	}

	static String[] withReload(String... properties) {
		String[] all = java.util.Arrays.copyOf(properties, properties.length + 2);
		all[properties.length] = "mtls.reload.quiet-period=200ms";
		all[properties.length + 1] = "mtls.reload.period=1s";
		return all;
	}

}
