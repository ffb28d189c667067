package dev.mtls.boot.revocation;

import java.nio.file.Path;
import java.time.Duration;

import dev.mtls.boot.client.MtlsRestClientSsl;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * With {@code mtls.revocation.check-outbound=true}, an outbound mTLS client refuses a
 * server whose certificate is revoked.
 */
class OutboundRevocationIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void outboundClientRefusesServerWhoseCertificateIsRevoked() throws Exception {
		TestPki pki = new TestPki(this.directory);
		pki.client().writePem(pki.path("alice.crt"), pki.path("alice.key"));
		try (RevocationServer services = new RevocationServer(pki.ca());
				ConfigurableApplicationContext app = RevocationIntegrationTests.start(pki, "mtls.revocation.mode=crl",
						"mtls.revocation.crl=" + services.crlUrl(), "mtls.revocation.refresh-period=1s",
						"mtls.revocation.check-outbound=true",
						"mtls.clients.partner.keystore.certificate=" + pki.location("alice.crt"),
						"mtls.clients.partner.keystore.private-key=" + pki.location("alice.key"),
						"mtls.clients.partner.truststore.certificate=" + pki.location("ca.crt"))) {
			String url = "https://localhost:" + TestServerApplication.mtlsPort(app) + "/whoami";
			assertThat(partner(app).get().uri(url).retrieve().body(String.class)).isEqualTo("alice");
			services.revoke(pki.server());
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThatException()
					.isThrownBy(() -> partner(app).get().uri(url).retrieve().body(String.class))
					.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("certificate is revoked")));
		}
	}

	private static RestClient partner(ConfigurableApplicationContext app) {
		return RestClient.builder().apply(app.getBean(MtlsRestClientSsl.class).fromClient("partner")).build();
	}

}
