package dev.mtls.sample;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The issue's acceptance, on the sample app: its server certificate and its trusted CA
 * are rotated by replacing files while a client loop runs, with zero errors; a
 * certificate added to the CRL file is refused within one refresh period.
 * <p>
 * Specified once, run against both samples: concrete subclasses in sample-app and
 * sample-webflux-app name their application class.
 */
public abstract class CertificateRotationAndRevocationSpecification {

	@TempDir
	Path pki;

	private final AtomicReference<IssuedCertificate> trustedServerCa = new AtomicReference<>();

	@Test
	void rotationLeavesClientLoopWithoutErrorsAndRevokedCertificateIsRefused() throws Exception {
		IssuedCertificate serverCa = CertificateBuilder.ca("CN=Server CA").issue();
		IssuedCertificate clientCaA = CertificateBuilder.ca("CN=Client CA A").issue();
		IssuedCertificate clientCaB = CertificateBuilder.ca("CN=Client CA B").issue();
		this.trustedServerCa.set(serverCa);
		writeServer(serverCa, "server-1");
		replace("clients-ca.crt", clientCaA.certificatePem());
		// One CRL per client CA: with mtls.revocation.mode=crl a CA without a CRL leaves
		// its
		// certificates' status undetermined, which refuses them.
		replace("revoked.crl", crl(clientCaA, List.of()) + crl(clientCaB, List.of()));
		AtomicReference<IssuedCertificate> identity = new AtomicReference<>(client(clientCaA, "alice"));
		try (ConfigurableApplicationContext app = SpringApplication.run(applicationClass(), "--server.port=0",
				"--mtls.dev-pki.enabled=false",
				"--mtls.server.keystore.certificate=file:" + this.pki.resolve("server.crt"),
				"--mtls.server.keystore.private-key=file:" + this.pki.resolve("server.key"),
				"--mtls.server.truststore.certificate=file:" + this.pki.resolve("clients-ca.crt"),
				"--mtls.reload.quiet-period=100ms", "--mtls.reload.period=1s", "--mtls.revocation.mode=crl",
				"--mtls.revocation.crl=file:" + this.pki.resolve("revoked.crl"),
				"--mtls.revocation.refresh-period=1s")) {
			int port = app.getEnvironment().getRequiredProperty("local.mtls.port", Integer.class);
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicInteger ok = new AtomicInteger();
			List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
			AtomicReference<String> lastServerSubject = new AtomicReference<>();
			ExecutorService loop = Executors.newFixedThreadPool(3);
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < 3; t++) {
				workers.add(loop.submit(() -> {
					while (running.get()) {
						try {
							HttpClient client = httpClient(identity.get());
							for (int i = 0; i < 5 && running.get(); i++) {
								HttpResponse<String> response = client.send(
										HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/whoami"))
											.build(),
										HttpResponse.BodyHandlers.ofString());
								if (response.statusCode() != 200) {
									errors.add("HTTP " + response.statusCode() + " " + response.body());
								}
								else {
									ok.incrementAndGet();
									X509Certificate server = (X509Certificate) response.sslSession()
										.orElseThrow()
										.getPeerCertificates()[0];
									lastServerSubject.set(server.getSubjectX500Principal().getName());
								}
							}
						}
						catch (Exception ex) {
							errors.add(ex.toString());
						}
					}
				}));
			}
			for (int rotation = 2; rotation <= 4; rotation++) {
				String name = "server-" + rotation;
				writeServer(serverCa, name);
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(lastServerSubject.get()).isEqualTo("CN=localhost,OU=" + name));
			}
			// Client CA rotation: trust both, move the clients, then drop the old CA.
			replace("clients-ca.crt", clientCaA.certificatePem() + clientCaB.certificatePem());
			awaitTrusted(port, client(clientCaB, "probe"));
			identity.set(client(clientCaB, "alice"));
			int before = ok.get();
			await().atMost(Duration.ofSeconds(30)).until(() -> ok.get() > before + 20);
			replace("clients-ca.crt", clientCaB.certificatePem());
			IssuedCertificate oldCaClient = client(clientCaA, "old");
			await().atMost(Duration.ofSeconds(30)).until(() -> !accepted(port, oldCaClient));
			int afterRotation = ok.get();
			await().atMost(Duration.ofSeconds(30)).until(() -> ok.get() > afterRotation + 20);
			running.set(false);
			for (Future<?> worker : workers) {
				worker.get();
			}
			loop.shutdown();
			System.out.printf("Rotation: %d requests succeeded, %d failed, 3 server rotations, 1 client CA rotation%n",
					ok.get(), errors.size());
			assertThat(errors).as("errors of the client loop").isEmpty();
			assertThat(ok.get()).isGreaterThan(50);

			// Revocation: a certificate added to the CRL file is refused within one
			// refresh.
			IssuedCertificate bob = client(clientCaB, "bob");
			assertThat(accepted(port, bob)).isTrue();
			replace("revoked.crl", crl(clientCaB, List.of(bob.certificate().getSerialNumber())));
			await().atMost(Duration.ofSeconds(15)).until(() -> status(port, bob) == 401);
			assertThat(accepted(port, identity.get())).isTrue();
		}
	}

	private void awaitTrusted(int port, IssuedCertificate client) {
		await().atMost(Duration.ofSeconds(30)).until(() -> accepted(port, client));
	}

	private boolean accepted(int port, IssuedCertificate client) {
		return status(port, client) == 200;
	}

	private int status(int port, IssuedCertificate client) {
		try {
			return httpClient(client)
				.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/whoami")).build(),
						HttpResponse.BodyHandlers.ofString())
				.statusCode();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	private void writeServer(IssuedCertificate ca, String name) throws Exception {
		IssuedCertificate server = CertificateBuilder.endEntity("CN=localhost,OU=" + name)
			.dnsNames("localhost")
			.ipAddresses("127.0.0.1")
			.serverAuth()
			.issuedBy(ca)
			.issue();
		// Key first: the watcher only applies a pair whose key matches its certificate.
		replace("server.key", server.privateKeyPem());
		replace("server.crt", server.chainPem());
	}

	/**
	 * Replace a file atomically, as deployment tools and Kubernetes do.
	 */
	private void replace(String name, String content) throws Exception {
		Path temp = Files.createTempFile(this.pki, name, ".tmp");
		Files.writeString(temp, content);
		Files.move(temp, this.pki.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static IssuedCertificate client(IssuedCertificate ca, String name) {
		return CertificateBuilder.endEntity("CN=" + name).clientAuth().issuedBy(ca).issue();
	}

	private static String crl(IssuedCertificate ca, List<BigInteger> revoked) throws Exception {
		Instant now = Instant.now();
		JcaX509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate().getSubjectX500Principal(),
				Date.from(now.minusSeconds(60)));
		builder.setNextUpdate(Date.from(now.plus(Duration.ofHours(1))));
		for (BigInteger serial : revoked) {
			builder.addCRLEntry(serial, Date.from(now.minusSeconds(10)), CRLReason.keyCompromise);
		}
		byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey())).getEncoded();
		return "-----BEGIN X509 CRL-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END X509 CRL-----\n";
	}

	private HttpClient httpClient(IssuedCertificate identity) throws Exception {
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(identity.toKeyStore("PKCS12", "client", "pw"), "pw".toCharArray());
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", this.trustedServerCa.get().certificate());
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).build();
	}

	/**
	 * The sample's application class, started by {@link SpringApplication#run}.
	 * @return the application class
	 */
	protected abstract Class<?> applicationClass();

}
