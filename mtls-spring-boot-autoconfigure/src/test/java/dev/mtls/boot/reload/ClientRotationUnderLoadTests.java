package dev.mtls.boot.reload;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.mtls.boot.client.MtlsClients;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An outbound client's identity comes from a Kubernetes-style Secret mount that is
 * swapped while the client calls a server continuously: no call fails and the server sees
 * each new client certificate.
 */
class ClientRotationUnderLoadTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	@Test
	void rotatesOutboundClientIdentityFiveTimesUnderLoadWithoutFailedCalls() throws Exception {
		TestPki pki = new TestPki(this.directory.resolve("pki"));
		SecretMount mount = new SecretMount(this.directory.resolve("client-tls"));
		mount.publish(files(partner(pki, 0)));
		String[] server = pki.pemServerProperties();
		try (ConfigurableApplicationContext context = TestServerApplication.run(server[0], server[1], server[2],
				"mtls.clients.partner.keystore.certificate=" + mount.location("tls.crt"),
				"mtls.clients.partner.keystore.private-key=" + mount.location("tls.key"),
				"mtls.clients.partner.truststore.certificate=" + pki.location("ca.crt"),
				"mtls.reload.quiet-period=200ms", "mtls.reload.period=1s")) {
			SslBundle bundle = context.getBean(MtlsClients.class).get("partner").getSslBundle();
			MaterialReloadState state = context.getBean(MaterialReloadState.class);
			String url = "https://localhost:" + TestServerApplication.serverPort(context) + "/hello";
			// A new SSL context from the client's bundle per batch: new connections, no
			// TLS session resumed with the previous identity.
			try (LoadGenerator load = new LoadGenerator(4, url,
					() -> LoadGenerator.of(HttpClient.newBuilder().sslContext(bundle.createSslContext()).build()))) {
				await().atMost(TIMEOUT).until(() -> load.sawBodyContaining("CN=partner-0,"));
				for (int rotation = 1; rotation <= 5; rotation++) {
					mount.publish(files(partner(pki, rotation)));
					String subject = "CN=partner-" + rotation + ",";
					await().atMost(TIMEOUT).until(() -> load.sawBodyContaining(subject));
				}
				load.close();
				System.out.printf(
						"Client rotation under load: %d requests over %d new HTTP clients, %d failed; "
								+ "reloads %s%n",
						load.successes(), load.clientsCreated(), load.failures().size(),
						state.getBundle("mtls-client-partner"));
				assertThat(load.failures()).isEmpty();
				assertThat(state.getBundle("mtls-client-partner").successes()).isGreaterThanOrEqualTo(5);
				assertThat(state.getBundle("mtls-client-partner").failures()).isZero();
			}
		}
	}

	private static IssuedCertificate partner(TestPki pki, int version) {
		return CertificateBuilder.endEntity("CN=partner-" + version + ",O=mtls tests")
			.clientAuth()
			.issuedBy(pki.ca())
			.issue();
	}

	private static Map<String, String> files(IssuedCertificate identity) {
		return Map.of("tls.crt", identity.certificatePem(), "tls.key", identity.privateKeyPem());
	}

}
