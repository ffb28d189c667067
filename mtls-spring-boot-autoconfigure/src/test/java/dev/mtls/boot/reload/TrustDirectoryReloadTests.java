package dev.mtls.boot.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
import static dev.mtls.boot.testing.HandshakeRefusal.assertRefusedCertificate;
import static org.awaitility.Awaitility.await;

/**
 * A directory of trusted CA certificates on a dedicated mTLS connector: a CA file dropped
 * in lets its clients in, removing it refuses them on new connections, also when it was
 * the last one.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrustDirectoryReloadTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	@Test
	void caFileDroppedInAdmitsItsClientsAndRemovedRefusesThem() throws Exception {
		TestPki pki = new TestPki(this.directory.resolve("pki"));
		Path trusted = Files.createDirectories(this.directory.resolve("trusted"));
		Files.copy(pki.path("ca.crt"), trusted.resolve("ca.crt"));
		try (ConfigurableApplicationContext context = TestServerApplication.run(BrokenMaterialReloadTests.withReload(
				"mtls.server.port=0", "mtls.server.keystore.certificate=" + pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + pki.location("server.key"),
				"mtls.server.truststore.certificate=file:" + trusted + "/"))) {
			String url = "https://localhost:" + TestServerApplication.mtlsPort(context) + "/hello";
			assertRefusedCertificate(() -> MtlsClient.of(pki.untrustedClient(), pki.ca()).get(url));

			Files.copy(pki.path("other-ca.crt"), trusted.resolve("partner-ca.pem"));
			await().atMost(TIMEOUT)
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(MtlsClient.of(pki.untrustedClient(), pki.ca()).get(url).body())
					.isEqualTo("hello CN=mallory"));

			Files.delete(trusted.resolve("partner-ca.pem"));
			await().atMost(TIMEOUT)
				.untilAsserted(
						() -> assertRefusedCertificate(() -> MtlsClient.of(pki.untrustedClient(), pki.ca()).get(url)));
			assertThat(MtlsClient.of(pki.client(), pki.ca()).get(url).body()).isEqualTo("hello CN=alice,O=mtls tests");
			assertThat(context.getBean(MaterialReloadState.class).getBundle("mtls-server").successes()).isEqualTo(2);
		}
	}

	@Test
	void deletingTheLastCaFileRefusesItsClientsAndSaysSo(CapturedOutput output) throws Exception {
		TestPki pki = new TestPki(this.directory.resolve("pki"));
		Path trusted = Files.createDirectories(this.directory.resolve("trusted"));
		Files.copy(pki.path("ca.crt"), trusted.resolve("ca.crt"));
		try (ConfigurableApplicationContext context = TestServerApplication.run(BrokenMaterialReloadTests.withReload(
				"mtls.server.port=0", "mtls.server.keystore.certificate=" + pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + pki.location("server.key"),
				"mtls.server.truststore.certificate=file:" + trusted + "/"))) {
			String url = "https://localhost:" + TestServerApplication.mtlsPort(context) + "/hello";
			assertThat(MtlsClient.of(pki.client(), pki.ca()).get(url).body()).isEqualTo("hello CN=alice,O=mtls tests");

			Files.delete(trusted.resolve("ca.crt"));
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertRefusedCertificate(() -> MtlsClient.of(pki.client(), pki.ca()).get(url)));
			assertThat(context.getBean(MaterialReloadState.class).getBundle("mtls-server").isFailing()).isFalse();
			assertThat(output).contains("No client CA is trusted any more: mtls.server.truststore now holds no "
					+ "certificate, so every client certificate is refused");

			Files.copy(pki.path("ca.crt"), trusted.resolve("ca.crt"));
			await().atMost(TIMEOUT)
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(MtlsClient.of(pki.client(), pki.ca()).get(url).body())
					.isEqualTo("hello CN=alice,O=mtls tests"));
		}
	}

}
