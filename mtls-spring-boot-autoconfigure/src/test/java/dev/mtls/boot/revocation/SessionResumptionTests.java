package dev.mtls.boot.revocation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A TLS 1.3 session resumed with {@code openssl s_client -sess_in} carries the client's
 * identity without presenting the certificate again; once that certificate is revoked,
 * the resumed session must not keep working.
 */
class SessionResumptionTests {

	@TempDir
	Path directory;

	@Test
	void resumedSessionOfRevokedCertificateIsRefused() throws Exception {
		requireOpenssl();
		TestPki pki = new TestPki(this.directory);
		Files.writeString(this.directory.resolve("alice.crt"), pki.client().certificatePem());
		Files.writeString(this.directory.resolve("alice.key"), pki.client().privateKeyPem());
		try (RevocationServer services = new RevocationServer(pki.ca());
				ConfigurableApplicationContext app = RevocationIntegrationTests.start(pki, "mtls.revocation.mode=crl",
						"mtls.revocation.crl=" + services.crlUrl(), "mtls.revocation.refresh-period=1s")) {
			int port = TestServerApplication.mtlsPort(app);
			String first = sClient(port, "-cert", "alice.crt", "-key", "alice.key", "-sess_out", "session.pem");
			assertThat(first).contains("HTTP/1.1 200").contains("alice");
			assertThat(this.directory.resolve("session.pem")).isNotEmptyFile();

			services.revoke(pki.client());
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(RevocationIntegrationTests.get(app, pki, pki.client()).statusCode())
					.isEqualTo(401));

			// No certificate on the command line: the identity comes from the session.
			String resumed = sClient(port, "-sess_in", "session.pem");
			assertThat(resumed).contains("Reused, TLSv1.3");
			assertThat(resumed).contains("HTTP/1.1 401").doesNotContain("HTTP/1.1 200");
		}
	}

	private String sClient(int port, String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
				"-servername", "localhost", "-CAfile", "ca.crt", "-tls1_3", "-ign_eof"));
		command.addAll(List.of(options));
		Process process = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.start();
		process.getOutputStream()
			.write("GET /whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return output;
	}

	private static void requireOpenssl() {
		boolean present = System.getenv("PATH") != null
				&& java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
					.anyMatch((dir) -> Files.isExecutable(Path.of(dir, "openssl")));
		if ("true".equals(System.getenv("CI"))) {
			assertThat(present).as("openssl must be installed on CI (.ci/run installs it)").isTrue();
		}
		assumeTrue(present, "openssl is not installed");
	}

}
