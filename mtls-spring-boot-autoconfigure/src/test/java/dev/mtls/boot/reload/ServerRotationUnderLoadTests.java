package dev.mtls.boot.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.server.MtlsServerSslBundleRegistrar;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.mtls.boot.testing.HandshakeRefusal.assertRefusedCertificate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's certificate and its trusted client CAs come from a Kubernetes-style Secret
 * mount whose {@code ..data} link is swapped while clients send requests continuously
 * over new connections: no request fails, and each new certificate and CA is in use after
 * its swap.
 */
class ServerRotationUnderLoadTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	private final IssuedCertificate serverCa = CertificateBuilder.ca("CN=Server CA").issue();

	@Test
	void rotatesServerCertificateFiveTimesAndClientCaTwiceUnderLoadWithoutFailedRequests() throws Exception {
		IssuedCertificate[] clientCas = new IssuedCertificate[3];
		IssuedCertificate[] clients = new IssuedCertificate[3];
		for (int i = 0; i < 3; i++) {
			clientCas[i] = CertificateBuilder.ca("CN=Client CA " + i).issue();
			clients[i] = CertificateBuilder.endEntity("CN=client-" + i).clientAuth().issuedBy(clientCas[i]).issue();
		}
		SecretMount mount = new SecretMount(this.directory.resolve("tls"));
		IssuedCertificate server = newServerCertificate();
		String trust = clientCas[0].certificatePem();
		mount.publish(files(server, trust));
		try (ConfigurableApplicationContext context = TestServerApplication.run(
				"mtls.server.keystore.certificate=" + mount.location("tls.crt"),
				"mtls.server.keystore.private-key=" + mount.location("tls.key"),
				"mtls.server.truststore.certificate=" + mount.location("ca.crt"), "mtls.reload.quiet-period=200ms",
				"mtls.reload.period=1s")) {
			MaterialReloadState state = context.getBean(MaterialReloadState.class);
			String url = "https://localhost:" + TestServerApplication.serverPort(context) + "/hello";
			IssuedCertificate[] current = { clients[0] };
			long started = System.nanoTime();
			try (LoadGenerator load = new LoadGenerator(4, url, () -> MtlsClient.of(current[0], this.serverCa)::get)) {
				await().atMost(TIMEOUT).until(() -> load.sawServerCertificate(server.fingerprint()));
				IssuedCertificate serverNow = server;
				for (int rotation = 1; rotation <= 5; rotation++) {
					IssuedCertificate rotated = newServerCertificate();
					serverNow = rotated;
					mount.publish(files(rotated, trust));
					await().atMost(TIMEOUT).until(() -> load.sawServerCertificate(rotated.fingerprint()));
					assertThat(load.failures()).isEmpty();
				}
				for (int index = 1; index <= 2; index++) {
					int next = index;
					IssuedCertificate previousCa = clientCas[next - 1];
					IssuedCertificate previousClient = clients[next - 1];
					IssuedCertificate nextClient = clients[next];
					// Overlap: both CAs trusted, then the clients move to the new CA.
					trust = previousCa.certificatePem() + clientCas[next].certificatePem();
					mount.publish(files(serverNow, trust));
					await().atMost(TIMEOUT)
						.ignoreExceptions()
						.untilAsserted(() -> assertThat(MtlsClient.of(nextClient, this.serverCa).get(url).body())
							.isEqualTo("hello CN=client-" + next));
					current[0] = nextClient;
					int generation = load.nextGeneration();
					await().atMost(TIMEOUT).until(() -> load.allThreadsReached(generation));
					// Only the new CA: a client of the old one is refused on a new
					// connection.
					trust = clientCas[next].certificatePem();
					mount.publish(files(serverNow, trust));
					await().atMost(TIMEOUT)
						.untilAsserted(() -> assertRefusedCertificate(
								() -> MtlsClient.of(previousClient, this.serverCa).get(url)));
					await().atMost(TIMEOUT)
						.until(() -> load.successes() > 0 && load.sawBodyContaining("client-" + next));
				}
				long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
				load.close();
				System.out.printf(
						"Server rotation under load: %d requests over %d new HTTP clients in %d s, "
								+ "%d failed; reloads %s%n",
						load.successes(), load.clientsCreated(), seconds, load.failures().size(),
						state.getBundle(MtlsServerSslBundleRegistrar.BUNDLE_NAME));
				assertThat(load.failures()).isEmpty();
				assertThat(load.successes()).isGreaterThan(100);
				MaterialReloadState.BundleReloadState reloads = state
					.getBundle(MtlsServerSslBundleRegistrar.BUNDLE_NAME);
				assertThat(reloads.successes()).isGreaterThanOrEqualTo(9);
				assertThat(reloads.failures()).isZero();
			}
		}
	}

	private IssuedCertificate newServerCertificate() {
		return TestPki.server(this.serverCa, Instant.now().plus(Duration.ofDays(90)));
	}

	private static Map<String, String> files(IssuedCertificate server, String trustedCas) {
		return Map.of("tls.crt", server.certificatePem(), "tls.key", server.privateKeyPem(), "ca.crt", trustedCas);
	}

}
