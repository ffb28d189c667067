package dev.mtls.boot.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

import dev.mtls.boot.auth.CertificatePrincipal;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.pki.CertificateFingerprint;
import dev.mtls.boot.server.MtlsServerSslBundleRegistrar;
import dev.mtls.boot.testing.HandshakeRefusal;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rotation soak: concurrent clients with accepted and refused certificates call a secured
 * application while its server certificate rotates, its trusted client CA rotates (with
 * an overlap) and the CRL of the CA in use gains an entry per rotation. No accepted
 * client may see a failure, no refused certificate may ever get a 200, and the heap after
 * a full GC may not grow by more than 10% from the first to the last rotation.
 * <p>
 * The short run in the build uses the counts of the issue (10 server rotations, 3 client
 * CA rotations) with few clients; system properties make it a longer soak (see
 * bench/README.md, "Rotation soak"): {@code mtls.soak.server-rotations},
 * {@code mtls.soak.ca-rotations}, {@code mtls.soak.accepted-clients},
 * {@code mtls.soak.refused-clients} (threads) and {@code mtls.soak.requests-per-rotation}
 * (successful requests the accepted clients complete between two rotations).
 */
class RotationSoakTests {

	private static final int SERVER_ROTATIONS = Integer.getInteger("mtls.soak.server-rotations", 10);

	private static final int CA_ROTATIONS = Integer.getInteger("mtls.soak.ca-rotations", 3);

	private static final int ACCEPTED_CLIENTS = Integer.getInteger("mtls.soak.accepted-clients", 3);

	private static final int REFUSED_CLIENTS = Integer.getInteger("mtls.soak.refused-clients", 1);

	private static final int REQUESTS_PER_ROTATION = Integer.getInteger("mtls.soak.requests-per-rotation", 30);

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	private final IssuedCertificate serverCa = CertificateBuilder.ca("CN=Server CA").issue();

	@Test
	void rotationsUnderMixedLoadFailNoAcceptedClientAcceptNoRefusedOneAndKeepTheHeapStable() throws Exception {
		assertThat(CA_ROTATIONS).as("client CA rotations").isBetween(0, SERVER_ROTATIONS);
		List<IssuedCertificate> clientCas = new ArrayList<>();
		List<Crl> crls = new ArrayList<>();
		List<String> crlLocations = new ArrayList<>();
		for (int i = 0; i <= CA_ROTATIONS; i++) {
			IssuedCertificate ca = CertificateBuilder.ca("CN=Client CA " + i).issue();
			clientCas.add(ca);
			Crl crl = new Crl(ca, this.directory.resolve("ca-" + i + ".crl"));
			crl.write();
			crls.add(crl);
			crlLocations.add("file:" + crl.file);
		}
		IssuedCertificate stranger = CertificateBuilder.endEntity("CN=stranger")
			.clientAuth()
			.issuedBy(CertificateBuilder.ca("CN=Stranger CA").issue())
			.issue();
		IssuedCertificate expired = CertificateBuilder.endEntity("CN=expired")
			.clientAuth()
			.validFrom(Instant.now().minus(Duration.ofDays(2)))
			.validUntil(Instant.now().minus(Duration.ofDays(1)))
			.issuedBy(clientCas.get(0))
			.issue();
		SecretMount mount = new SecretMount(this.directory.resolve("tls"));
		IssuedCertificate server = newServerCertificate();
		String trust = clientCas.get(0).certificatePem();
		mount.publish(files(server, trust));
		try (ConfigurableApplicationContext context = TestServerApplication.runSecured(
				new Class<?>[] { SoakApplication.class },
				"mtls.server.keystore.certificate=" + mount.location("tls.crt"),
				"mtls.server.keystore.private-key=" + mount.location("tls.key"),
				"mtls.server.truststore.certificate=" + mount.location("ca.crt"), "mtls.reload.quiet-period=200ms",
				"mtls.reload.period=1s", "mtls.revocation.mode=crl",
				"mtls.revocation.crl=" + String.join(",", crlLocations), "mtls.revocation.refresh-period=1s",
				// The probes (JDK HttpClient) leave their connections open: Tomcat
				// would keep each one, with its TLS buffers, for the default 60 s.
				"server.tomcat.keep-alive-timeout=1s")) {
			MaterialReloadState state = context.getBean(MaterialReloadState.class);
			int port = TestServerApplication.mtlsPort(context);
			String url = "https://localhost:" + port + "/whoami";
			int ca = 0;
			int victims = 0;
			IssuedCertificate accepted = newClient(clientCas.get(0), "accepted-0");
			List<IssuedCertificate> refused = new CopyOnWriteArrayList<>(List.of(stranger, expired));
			long started = System.nanoTime();
			long firstHeap = 0;
			long lastHeap = 0;
			List<Long> heaps = new ArrayList<>();
			try (SoakLoad load = new SoakLoad(port, this.serverCa, accepted, refused)) {
				await().atMost(TIMEOUT).until(() -> load.sawServerCertificate(server.fingerprint()));
				await().atMost(TIMEOUT.multipliedBy(10)).until(() -> load.acceptedSuccesses() >= REQUESTS_PER_ROTATION);
				for (int rotation = 1; rotation <= SERVER_ROTATIONS; rotation++) {
					IssuedCertificate rotated = newServerCertificate();
					if (ca < CA_ROTATIONS && rotation % (SERVER_ROTATIONS / Math.max(CA_ROTATIONS, 1)) == 0) {
						IssuedCertificate previous = accepted;
						ca++;
						accepted = newClient(clientCas.get(ca), "accepted-" + ca);
						rotateClientCa(mount, rotated, clientCas.get(ca - 1), clientCas.get(ca), previous, accepted,
								load, url);
						refused.add(previous);
						trust = clientCas.get(ca).certificatePem();
					}
					else {
						mount.publish(files(rotated, trust));
					}
					// The CRL of the CA in use gains an entry: a certificate that is
					// accepted until the CRL is read again.
					IssuedCertificate victim = newClient(clientCas.get(ca), "revoked-" + (++victims));
					assertThat(MtlsClient.of(victim, this.serverCa).get(url).statusCode()).isEqualTo(200);
					crls.get(ca).revoke(victim);
					await().atMost(TIMEOUT)
						.until(() -> MtlsClient.of(victim, this.serverCa).get(url).statusCode() == 401);
					refused.add(victim);
					await().atMost(TIMEOUT).until(() -> load.sawServerCertificate(rotated.fingerprint()));
					long target = load.acceptedSuccesses() + REQUESTS_PER_ROTATION;
					await().atMost(TIMEOUT.multipliedBy(10)).until(() -> load.acceptedSuccesses() >= target);
					assertThat(load.failures()).isEmpty();
					long heap = usedHeapAfterFullGc();
					heaps.add(heap / 1024);
					if (rotation == 1) {
						firstHeap = heap;
					}
					lastHeap = heap;
				}
				load.close();
				long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
				System.out.printf(
						"Rotation soak: %d server and %d client CA rotations, %d CRL entries in %d s; "
								+ "accepted clients: %d requests over %d connections, %d failed; "
								+ "refused certificates: %d attempts, %d refused in the handshake, %d with 401, "
								+ "%d accepted; heap after full GC %d KiB at the first rotation, %d KiB at the last "
								+ "(%+.1f%%), per rotation %s KiB; reloads %s%n",
						SERVER_ROTATIONS, CA_ROTATIONS, victims, seconds, load.acceptedSuccesses(), load.connections(),
						load.failures().size(), load.refusalAttempts(), load.handshakeRefusals(), load.unauthorized(),
						load.acceptedRefused(), firstHeap / 1024, lastHeap / 1024,
						100.0 * (lastHeap - firstHeap) / firstHeap, heaps,
						state.getBundle(MtlsServerSslBundleRegistrar.BUNDLE_NAME));
				assertThat(load.failures()).isEmpty();
				assertThat(load.acceptedRefused()).isZero();
				assertThat(load.refusalAttempts()).isPositive();
				assertThat(load.handshakeRefusals()).isPositive();
				assertThat(load.unauthorized()).isPositive();
				assertThat(lastHeap).as("used heap after a full GC at the last rotation")
					.isLessThanOrEqualTo(firstHeap + firstHeap / 10);
				MaterialReloadState.BundleReloadState reloads = state
					.getBundle(MtlsServerSslBundleRegistrar.BUNDLE_NAME);
				assertThat(reloads.successes()).isGreaterThanOrEqualTo(SERVER_ROTATIONS + CA_ROTATIONS);
				assertThat(reloads.failures()).isZero();
			}
		}
	}

	/**
	 * Rotate the client CA with an overlap: trust both, move the accepted clients to the
	 * new CA, then trust the new one only, once the old client is seen refused.
	 */
	private void rotateClientCa(SecretMount mount, IssuedCertificate server, IssuedCertificate oldCa,
			IssuedCertificate newCa, IssuedCertificate oldClient, IssuedCertificate newClient, SoakLoad load,
			String url) {
		mount.publish(files(server, oldCa.certificatePem() + newCa.certificatePem()));
		await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> MtlsClient.of(newClient, this.serverCa).get(url).statusCode() == 200);
		int generation = load.use(newClient);
		await().atMost(TIMEOUT).until(() -> load.allAcceptedClientsReached(generation));
		mount.publish(files(server, newCa.certificatePem()));
		await().atMost(TIMEOUT).until(() -> isRefusedInHandshake(oldClient, url));
	}

	private boolean isRefusedInHandshake(IssuedCertificate client, String url) {
		try {
			MtlsClient.of(client, this.serverCa).get(url);
			return false;
		}
		catch (Exception ex) {
			return HandshakeRefusal.isCertificateRefusal(ex);
		}
	}

	/**
	 * Used heap after a full GC. {@link System#gc()} is only a request to the JVM, and
	 * the load keeps running meanwhile: the least of three measurements counts.
	 */
	private static long usedHeapAfterFullGc() {
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return least;
	}

	private IssuedCertificate newServerCertificate() {
		return TestPki.server(this.serverCa, Instant.now().plus(Duration.ofDays(90)));
	}

	private static IssuedCertificate newClient(IssuedCertificate ca, String name) {
		return CertificateBuilder.endEntity("CN=" + name).clientAuth().issuedBy(ca).issue();
	}

	private static Map<String, String> files(IssuedCertificate server, String trustedCas) {
		return Map.of("tls.crt", server.certificatePem(), "tls.key", server.privateKeyPem(), "ca.crt", trustedCas);
	}

	/**
	 * A CA's CRL in a file, rewritten atomically with one more entry and a higher number
	 * on each revocation.
	 */
	private static final class Crl {

		private final IssuedCertificate ca;

		private final Path file;

		private final List<BigInteger> revoked = new ArrayList<>();

		private long number;

		Crl(IssuedCertificate ca, Path file) {
			this.ca = ca;
			this.file = file;
		}

		void revoke(IssuedCertificate certificate) {
			this.revoked.add(certificate.certificate().getSerialNumber());
			write();
		}

		void write() {
			try {
				Instant now = Instant.now();
				X509v2CRLBuilder builder = new X509v2CRLBuilder(
						X500Name.getInstance(this.ca.certificate().getSubjectX500Principal().getEncoded()),
						Date.from(now.minus(Duration.ofMinutes(5))));
				builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
				builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(++this.number)));
				builder.addExtension(Extension.authorityKeyIdentifier, false,
						new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(this.ca.certificate()));
				for (BigInteger serial : this.revoked) {
					builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofMinutes(1))), CRLReason.keyCompromise);
				}
				String algorithm = "RSA".equals(this.ca.privateKey().getAlgorithm()) ? "SHA256withRSA"
						: "SHA256withECDSA";
				byte[] encoded = builder.build(new JcaContentSignerBuilder(algorithm).build(this.ca.privateKey()))
					.getEncoded();
				Path temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
				Files.write(temporary, encoded);
				Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * Threads that call the application continuously, each request on a new TLS
	 * connection with a full handshake. Accepted clients use the certificate in force and
	 * must always get a 200. Refused clients pick one of the refused certificates and
	 * must never get a 200.
	 */
	private static final class SoakLoad implements AutoCloseable {

		private static final int REQUESTS_PER_CLIENT = 5;

		private static final String PATH = "/whoami";

		private final int port;

		private final IssuedCertificate serverCa;

		private final List<Thread> threads = new ArrayList<>();

		private final List<AtomicInteger> acceptedGenerations = new ArrayList<>();

		private final List<IssuedCertificate> refused;

		private final Set<String> serverFingerprints = ConcurrentHashMap.newKeySet();

		private final List<String> failures = new CopyOnWriteArrayList<>();

		private final AtomicLong acceptedSuccesses = new AtomicLong();

		private final AtomicLong connections = new AtomicLong();

		private final AtomicLong refusalAttempts = new AtomicLong();

		private final AtomicLong handshakeRefusals = new AtomicLong();

		private final AtomicLong unauthorized = new AtomicLong();

		private final AtomicLong acceptedRefused = new AtomicLong();

		private volatile Current current;

		private volatile boolean running = true;

		SoakLoad(int port, IssuedCertificate serverCa, IssuedCertificate accepted, List<IssuedCertificate> refused) {
			this.port = port;
			this.serverCa = serverCa;
			this.refused = refused;
			this.current = new Current(accepted, 0);
			for (int i = 0; i < ACCEPTED_CLIENTS; i++) {
				AtomicInteger generation = new AtomicInteger(-1);
				this.acceptedGenerations.add(generation);
				this.threads.add(new Thread(() -> runAccepted(generation), "soak-accepted-" + i));
			}
			for (int i = 0; i < REFUSED_CLIENTS; i++) {
				this.threads.add(new Thread(this::runRefused, "soak-refused-" + i));
			}
			this.threads.forEach((thread) -> {
				thread.setDaemon(true);
				thread.start();
			});
		}

		private void runAccepted(AtomicInteger threadGeneration) {
			while (this.running) {
				Current now = this.current;
				OneShotClient client = new OneShotClient(now.certificate(), this.serverCa);
				threadGeneration.set(now.generation());
				for (int i = 0; i < REQUESTS_PER_CLIENT && this.running; i++) {
					try {
						Response response = client.get(this.port, PATH);
						this.connections.incrementAndGet();
						if (response.status() != 200) {
							this.failures.add(now.certificate().certificate().getSubjectX500Principal() + ": status "
									+ response.status() + ": " + response.body());
							continue;
						}
						this.acceptedSuccesses.incrementAndGet();
						this.serverFingerprints.add(response.serverFingerprint());
					}
					catch (Exception ex) {
						this.failures.add(now.certificate().certificate().getSubjectX500Principal() + ": " + ex);
					}
				}
			}
		}

		private void runRefused() {
			while (this.running) {
				IssuedCertificate certificate = this.refused
					.get(ThreadLocalRandom.current().nextInt(this.refused.size()));
				this.refusalAttempts.incrementAndGet();
				try {
					// TLS 1.2: the server's verdict on the client certificate arrives
					// inside the handshake. In TLS 1.3 it follows the client's Finished,
					// and
					// a blocking client writing its request may see a broken pipe
					// instead.
					Response response = new OneShotClient(certificate, this.serverCa, "TLSv1.2").get(this.port, PATH);
					if (response.status() == 401) {
						this.unauthorized.incrementAndGet();
					}
					else {
						this.acceptedRefused.incrementAndGet();
						this.failures.add(certificate.certificate().getSubjectX500Principal() + " (refused): status "
								+ response.status() + ": " + response.body());
					}
				}
				catch (Exception ex) {
					if (ex instanceof HandshakeEnded || HandshakeRefusal.isCertificateRefusal(ex)) {
						this.handshakeRefusals.incrementAndGet();
					}
					else {
						this.failures.add(certificate.certificate().getSubjectX500Principal() + " (refused): " + ex);
					}
				}
			}
		}

		/**
		 * Make the accepted clients use {@code certificate} on their next connections.
		 * @return the generation to wait for
		 */
		int use(IssuedCertificate certificate) {
			Current next = new Current(certificate, this.current.generation() + 1);
			this.current = next;
			return next.generation();
		}

		boolean allAcceptedClientsReached(int generation) {
			return this.acceptedGenerations.stream().allMatch((reached) -> reached.get() >= generation);
		}

		boolean sawServerCertificate(String fingerprint) {
			return this.serverFingerprints.contains(fingerprint);
		}

		long acceptedSuccesses() {
			return this.acceptedSuccesses.get();
		}

		long connections() {
			return this.connections.get();
		}

		long refusalAttempts() {
			return this.refusalAttempts.get();
		}

		long handshakeRefusals() {
			return this.handshakeRefusals.get();
		}

		long unauthorized() {
			return this.unauthorized.get();
		}

		long acceptedRefused() {
			return this.acceptedRefused.get();
		}

		List<String> failures() {
			return List.copyOf(this.failures);
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			for (Thread thread : this.threads) {
				thread.join(30_000);
			}
		}

		private record Current(IssuedCertificate certificate, int generation) {
		}

	}

	/**
	 * A JDK TLS client (PKIX trust in the server CA, hostname verification) that sends
	 * each request on a new connection, closed after the response, and invalidates the
	 * session so that no handshake is resumed. Unlike {@code HttpClient}, it leaves
	 * nothing behind once a request is answered, so the heap measured is the server's.
	 * The client certificate is presented whatever CAs the server names, as curl does.
	 */
	private static final class OneShotClient {

		private final SSLSocketFactory sockets;

		private final String[] protocols;

		OneShotClient(IssuedCertificate identity, IssuedCertificate serverCa, String... protocols) {
			this.protocols = protocols;
			try {
				KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(identity.toKeyStore("PKCS12", "client", "pw"), "pw".toCharArray());
				X509KeyManager delegate = (X509KeyManager) keys.getKeyManagers()[0];
				KeyStore trustStore = KeyStore.getInstance("PKCS12");
				trustStore.load(null, null);
				trustStore.setCertificateEntry("ca", serverCa.certificate());
				TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(trustStore);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(new KeyManager[] { new AlwaysPresent(delegate) }, trust.getTrustManagers(), null);
				this.sockets = context.getSocketFactory();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		Response get(int port, String path) throws IOException {
			try (SSLSocket socket = (SSLSocket) this.sockets.createSocket("localhost", port)) {
				socket.setSoTimeout(20_000);
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				if (this.protocols.length > 0) {
					parameters.setProtocols(this.protocols);
				}
				socket.setSSLParameters(parameters);
				try {
					socket.startHandshake();
				}
				catch (IOException ex) {
					throw new HandshakeEnded(ex);
				}
				SSLSession session = socket.getSession();
				String server = CertificateFingerprint.sha256((X509Certificate) session.getPeerCertificates()[0]);
				session.invalidate();
				OutputStream out = socket.getOutputStream();
				out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!response.startsWith("HTTP/1.1 ") || response.length() < 12) {
					throw new IOException("not an HTTP response: '" + response + "'");
				}
				int bodyStart = response.indexOf("\r\n\r\n");
				return new Response(Integer.parseInt(response.substring(9, 12)),
						(bodyStart >= 0) ? response.substring(bodyStart + 4) : "", server);
			}
		}

	}

	private record Response(int status, String body, String serverFingerprint) {
	}

	/**
	 * The server ended the handshake: with its alert, or by closing the connection while
	 * the client was still sending its flight (then the client sees a broken pipe or a
	 * reset rather than the alert).
	 */
	private static final class HandshakeEnded extends IOException {

		private static final long serialVersionUID = 1L;

		HandshakeEnded(IOException cause) {
			super(cause.getMessage(), cause);
		}

	}

	private static final class AlwaysPresent extends X509ExtendedKeyManager {

		private final X509KeyManager delegate;

		AlwaysPresent(X509KeyManager delegate) {
			this.delegate = delegate;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return new String[] { "client" };
		}

		@Override
		public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
			return "client";
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return new String[0];
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return null;
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return this.delegate.getCertificateChain(alias);
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return this.delegate.getPrivateKey(alias);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SoakApplication.WhoAmI.class)
	static class SoakApplication {

		@RestController
		static class WhoAmI {

			@GetMapping("/whoami")
			String whoami(@AuthenticationPrincipal CertificatePrincipal caller) {
				return caller.getName();
			}

		}

	}

}
