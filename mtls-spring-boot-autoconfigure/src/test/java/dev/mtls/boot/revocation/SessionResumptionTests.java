package dev.mtls.boot.revocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.mtls.boot.testing.OpensslSClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import dev.mtls.boot.testing.WebStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A TLS 1.3 session resumed with {@code openssl s_client -sess_in} carries the client's
 * identity without presenting the certificate again; once that certificate is revoked,
 * the resumed session must not keep working.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(WebStack.class)
class SessionResumptionTests {

	@Parameter
	WebStack stack;

	@TempDir
	Path directory;

	@Test
	void resumedSessionOfRevokedCertificateIsRefused() throws Exception {
		OpensslSClient.require();
		TestPki pki = new TestPki(this.directory);
		Files.writeString(this.directory.resolve("alice.crt"), pki.client().certificatePem());
		Files.writeString(this.directory.resolve("alice.key"), pki.client().privateKeyPem());
		try (RevocationServer services = new RevocationServer(pki.ca());
				ConfigurableApplicationContext app = RevocationIntegrationTests.start(this.stack, pki,
						"mtls.revocation.mode=crl", "mtls.revocation.crl=" + services.crlUrl(),
						"mtls.revocation.refresh-period=1s")) {
			int port = TestServerApplication.securePort(this.stack, app);
			String first = new OpensslSClient(this.directory).get(port, "/whoami", "-cert", "alice.crt", "-key",
					"alice.key", "-sess_out", "session.pem");
			assertThat(first).contains("HTTP/1.1 200").contains("alice");
			assertThat(this.directory.resolve("session.pem")).isNotEmptyFile();

			services.revoke(pki.client());
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(
						RevocationIntegrationTests.get(this.stack, app, pki, pki.client()).statusCode())
					.isEqualTo(401));

			// No certificate on the command line: the identity comes from the session.
			String resumed = new OpensslSClient(this.directory).get(port, "/whoami", "-sess_in", "session.pem");
			assertThat(resumed).contains("Reused, TLSv1.3");
			assertThat(resumed).contains("HTTP/1.1 401").doesNotContain("HTTP/1.1 200");
		}
	}

}
