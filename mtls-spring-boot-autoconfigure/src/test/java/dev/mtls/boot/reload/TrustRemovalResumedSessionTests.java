package dev.mtls.boot.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.OpensslSClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.mtls.boot.testing.HandshakeRefusal.assertRefusedCertificate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A TLS 1.3 session resumed with {@code openssl s_client -sess_in} would carry the
 * client's identity without a new handshake. Once a reload removed its CA, the session is
 * not resumed (the reload replaced the connector's TLS context, whose keys protected the
 * ticket) and the new handshake without a certificate is refused; a session that did
 * resume would still meet the per-request validation against the anchors in force.
 */
class TrustRemovalResumedSessionTests {

	private static final Class<?>[] SOURCES = { TestServerApplication.class,
			TestServerApplication.EchoController.class };

	@TempDir
	Path directory;

	@Test
	void sessionOfAClientWhoseCaWasRemovedByAReloadIsNotServed() throws Exception {
		OpensslSClient.require();
		TestPki pki = new TestPki(this.directory);
		Files.writeString(this.directory.resolve("alice.crt"), pki.client().certificatePem());
		Files.writeString(this.directory.resolve("alice.key"), pki.client().privateKeyPem());
		Path trusted = Files.createDirectories(this.directory.resolve("trusted"));
		Files.copy(pki.path("ca.crt"), trusted.resolve("ca.crt"));
		Files.copy(pki.path("other-ca.crt"), trusted.resolve("other-ca.crt"));
		try (ConfigurableApplicationContext app = TestServerApplication.runSecured(SOURCES,
				"mtls.server.keystore.certificate=" + pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + pki.location("server.key"),
				"mtls.server.truststore.certificate=file:" + trusted + "/", "mtls.reload.quiet-period=200ms",
				"mtls.reload.period=1s")) {
			int port = TestServerApplication.serverPort(app);
			String first = new OpensslSClient(this.directory).get(port, "/hello", "-cert", "alice.crt", "-key",
					"alice.key", "-sess_out", "session.pem");
			assertThat(first).contains("HTTP/1.1 200").contains("hello CN=alice");

			Files.delete(trusted.resolve("ca.crt"));
			String url = "https://localhost:" + port + "/hello";
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertRefusedCertificate(() -> MtlsClient.of(pki.client(), pki.ca()).get(url)));

			// No certificate on the command line: only the session could identify alice.
			String resumed = new OpensslSClient(this.directory).get(port, "/hello", "-sess_in", "session.pem");
			assertThat(resumed).doesNotContain("HTTP/1.1 200").doesNotContain("hello CN=alice");
			if (resumed.contains("Reused, TLSv1.3")) {
				assertThat(resumed).contains("HTTP/1.1 401").contains("certificate is no longer trusted");
			}
			else {
				assertThat(resumed).containsPattern("alert (bad certificate|certificate required)");
			}
		}
	}

}
