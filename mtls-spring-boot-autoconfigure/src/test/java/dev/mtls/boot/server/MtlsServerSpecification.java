package dev.mtls.boot.server;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import javax.net.ssl.SSLSession;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.pki.CertificateFingerprint;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import dev.mtls.boot.testing.TestSslImplementation;
import dev.mtls.boot.testing.WebStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.mtls.boot.testing.HandshakeRefusal.assertRefusedCertificate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the server does with {@code mtls.server.*}, specified once and run on every web
 * stack ({@link ServletMtlsServerIntegrationTests},
 * {@link ReactiveMtlsServerIntegrationTests}): real TLS handshakes against the embedded
 * server, configured only through {@code mtls.server.*}.
 */
@TestInstance(Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class MtlsServerSpecification {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);

	private Path directory;

	private TestPki pki;

	private final WebStack stack;

	MtlsServerSpecification(WebStack stack) {
		this.stack = stack;
	}

	@BeforeAll
	void issuePki(@TempDir Path directory) {
		this.directory = directory;
		this.pki = new TestPki(this.directory);
	}

	private ConfigurableApplicationContext run(String... properties) {
		return this.stack.run(properties);
	}

	@Test
	void needAcceptsTrustedClientCertificate() throws Exception {
		try (ConfigurableApplicationContext context = run(this.pki.pemServerProperties())) {
			HttpResponse<String> response = MtlsClient.of(this.pki.client(), this.pki.ca()).get(url(context, "/hello"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello CN=alice,O=mtls tests");
		}
	}

	@Test
	void needRefusesHandshakeWithoutClientCertificate() {
		try (ConfigurableApplicationContext context = run(this.pki.pemServerProperties())) {
			assertRefusedCertificate(() -> MtlsClient.of(null, this.pki.ca()).get(url(context, "/hello")));
		}
	}

	@Test
	void needRefusesClientCertificateFromUntrustedCa() {
		try (ConfigurableApplicationContext context = run(this.pki.pemServerProperties())) {
			assertRefusedCertificate(
					() -> MtlsClient.of(this.pki.untrustedClient(), this.pki.ca()).get(url(context, "/hello")));
		}
	}

	@Test
	void needRefusesExpiredClientCertificate() {
		IssuedCertificate expired = CertificateBuilder.endEntity("CN=expired,O=mtls tests")
			.clientAuth()
			.validFrom(Instant.now().minus(Duration.ofDays(30)))
			.validUntil(Instant.now().minus(Duration.ofDays(1)))
			.issuedBy(this.pki.ca())
			.issue();
		try (ConfigurableApplicationContext context = run(this.pki.pemServerProperties())) {
			assertRefusedCertificate(() -> MtlsClient.of(expired, this.pki.ca()).get(url(context, "/hello")));
		}
	}

	@Test
	void noneServesWithoutAskingForCertificate() throws Exception {
		try (ConfigurableApplicationContext context = run(
				"mtls.server.keystore.certificate=" + this.pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + this.pki.location("server.key"),
				"mtls.server.client-auth=none")) {
			HttpResponse<String> response = MtlsClient.of(this.pki.client(), this.pki.ca()).get(url(context, "/hello"));
			assertThat(response.body()).isEqualTo("hello anonymous");
		}
	}

	@Test
	void enabledProtocolsAreTheConfiguredOnes() throws Exception {
		try (ConfigurableApplicationContext context = run(
				with(this.pki.pemServerProperties(), "mtls.server.protocols=TLSv1.2"))) {
			HttpResponse<String> response = MtlsClient.of(this.pki.client(), this.pki.ca()).get(url(context, "/hello"));
			assertThat(response.sslSession())
				.hasValueSatisfying((session) -> assertThat(session.getProtocol()).isEqualTo("TLSv1.2"));
		}
	}

	@Test
	void reloadServesNewServerCertificateToNewConnectionsWithoutDroppingKeptOnes() throws Exception {
		Path rotating = this.directory.resolve("rotating-" + this.stack.name().toLowerCase(java.util.Locale.ROOT));
		Files.createDirectories(rotating);
		IssuedCertificate first = TestPki.server(this.pki.ca(), Instant.now().plus(Duration.ofDays(90)));
		first.writePem(rotating.resolve("server.crt"), rotating.resolve("server.key"));
		try (ConfigurableApplicationContext context = run(
				"mtls.server.keystore.certificate=file:" + rotating.resolve("server.crt"),
				"mtls.server.keystore.private-key=file:" + rotating.resolve("server.key"),
				"mtls.server.truststore.certificate=" + this.pki.location("ca.crt"), "mtls.reload.quiet-period=200ms",
				"mtls.reload.period=1s")) {
			String url = url(context, "/hello");
			MtlsClient kept = MtlsClient.of(this.pki.client(), this.pki.ca());
			assertThat(serverFingerprint(kept.get(url))).isEqualTo(first.fingerprint());
			IssuedCertificate second = TestPki.server(this.pki.ca(), Instant.now().plus(Duration.ofDays(91)));
			second.writePem(rotating.resolve("server.crt"), rotating.resolve("server.key"));
			await().atMost(RELOAD_TIMEOUT)
				.ignoreExceptions()
				.until(() -> serverFingerprint(MtlsClient.of(this.pki.client(), this.pki.ca()).get(url)),
						second.fingerprint()::equals);
			// Still the first certificate: the kept connection was neither closed nor
			// renegotiated by the reload.
			HttpResponse<String> again = kept.get(url);
			assertThat(again.body()).isEqualTo("hello CN=alice,O=mtls tests");
			assertThat(serverFingerprint(again)).isEqualTo(first.fingerprint());
		}
	}

	private static String serverFingerprint(HttpResponse<String> response) throws Exception {
		assertThat(response.statusCode()).isEqualTo(200);
		SSLSession session = response.sslSession().orElseThrow();
		return CertificateFingerprint.sha256((X509Certificate) session.getPeerCertificates()[0]);
	}

	@Test
	void refusedHandshakesAreLoggedWithReasonPeerAndCertificate(CapturedOutput output) {
		IssuedCertificate expired = CertificateBuilder.endEntity("CN=expired-partner,O=mtls tests")
			.clientAuth()
			.validFrom(Instant.now().minus(Duration.ofDays(30)))
			.validUntil(Instant.now().minus(Duration.ofDays(3)))
			.issuedBy(this.pki.ca())
			.issue();
		try (ConfigurableApplicationContext context = run(this.pki.pemServerProperties())) {
			assertRefusedCertificate(() -> MtlsClient.of(expired, this.pki.ca()).get(url(context, "/hello")));
			assertRefusedCertificate(
					() -> MtlsClient.of(this.pki.untrustedClient(), this.pki.ca()).get(url(context, "/hello")));
			assertRefusedCertificate(() -> MtlsClient.of(null, this.pki.ca()).get(url(context, "/hello")));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(output)
					.contains("TLS handshake refused (reason=expired) from " + refusedPeer() + ": client certificate "
							+ "subject='CN=expired-partner,O=mtls tests', issuer='CN=Test CA,O=mtls tests', sha256="
							+ expired.fingerprint())
					.contains("TLS handshake refused (reason=untrusted) from " + refusedPeer() + ": client certificate "
							+ "subject='CN=mallory', issuer='CN=Other CA'")
					.contains("TLS handshake refused (reason=no-certificate) from " + refusedPeer()));
		}
	}

	/**
	 * The peer named in a refusal: Tomcat's OpenSSL engine reports a failed handshake
	 * without telling the connection (README, "OpenSSL on Java 22+").
	 */
	private String refusedPeer() {
		return (this.stack == WebStack.SERVLET && TestSslImplementation.isOpenSsl()) ? "unknown peer" : "127.0.0.1";
	}

	@Test
	void refusedHandshakesOnTheDedicatedPortAreLogged(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(with(this.pki.pemServerProperties(), "mtls.server.port=0"))) {
			String url = "https://localhost:" + TestServerApplication.mtlsPort(context) + "/hello";
			assertRefusedCertificate(() -> MtlsClient.of(this.pki.untrustedClient(), this.pki.ca()).get(url));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(output).contains("TLS handshake refused (reason=untrusted) from "
						+ refusedPeer() + ": client certificate subject='CN=mallory'"));
		}
	}

	@Test
	void wantLetsRequestWithoutCertificateReachTheApplication() throws Exception {
		try (ConfigurableApplicationContext context = run(
				with(this.pki.pemServerProperties(), "mtls.server.client-auth=want"))) {
			HttpResponse<String> anonymous = MtlsClient.of(null, this.pki.ca()).get(url(context, "/hello"));
			assertThat(anonymous.statusCode()).isEqualTo(200);
			assertThat(anonymous.body()).isEqualTo("hello anonymous");
			HttpResponse<String> alice = MtlsClient.of(this.pki.client(), this.pki.ca()).get(url(context, "/hello"));
			assertThat(alice.body()).isEqualTo("hello CN=alice,O=mtls tests");
		}
	}

	@Test
	void wantStillRefusesUntrustedClientCertificate() {
		try (ConfigurableApplicationContext context = run(
				with(this.pki.pemServerProperties(), "mtls.server.client-auth=want"))) {
			assertRefusedCertificate(
					() -> MtlsClient.of(this.pki.untrustedClient(), this.pki.ca()).get(url(context, "/hello")));
		}
	}

	@Test
	void dedicatedPortDemandsCertificateWhilePlainPortDoesNot() throws Exception {
		try (ConfigurableApplicationContext context = run(
				with(this.pki.pemServerProperties(), "mtls.server.port=0", "mtls.server.plain-port-paths=/hello"))) {
			int mtlsPort = TestServerApplication.mtlsPort(context);
			int plainPort = TestServerApplication.serverPort(context);
			assertThat(mtlsPort).isNotEqualTo(plainPort).isPositive();
			String mtlsUrl = "https://localhost:" + mtlsPort + "/hello";
			assertThat(MtlsClient.of(this.pki.client(), this.pki.ca()).get(mtlsUrl).body())
				.isEqualTo("hello CN=alice,O=mtls tests");
			assertRefusedCertificate(() -> MtlsClient.of(null, this.pki.ca()).get(mtlsUrl));
			HttpResponse<String> plain = MtlsClient.plain().get("http://localhost:" + plainPort + "/hello");
			assertThat(plain.statusCode()).isEqualTo(200);
			assertThat(plain.body()).isEqualTo("hello anonymous");
			assertThat(MtlsClient.plain().get("http://localhost:" + plainPort + "/other").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void dedicatedPortLivesBesideServerSslConnector() throws Exception {
		try (ConfigurableApplicationContext context = run(with(this.pki.pemServerProperties(), "mtls.server.port=0",
				"mtls.server.plain-port-paths=/hello", "server.ssl.certificate=" + this.pki.location("server.crt"),
				"server.ssl.certificate-private-key=" + this.pki.location("server.key")))) {
			String mainUrl = "https://localhost:" + TestServerApplication.serverPort(context) + "/hello";
			assertThat(MtlsClient.of(null, this.pki.ca()).get(mainUrl).body()).isEqualTo("hello anonymous");
			String mtlsUrl = "https://localhost:" + TestServerApplication.mtlsPort(context) + "/hello";
			assertThat(MtlsClient.of(this.pki.client(), this.pki.ca()).get(mtlsUrl).statusCode()).isEqualTo(200);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("materialConfigurations")
	void servesRequestFromEveryKindOfMaterial(String name, String[] properties) throws Exception {
		try (ConfigurableApplicationContext context = run(properties)) {
			HttpResponse<String> response = MtlsClient.of(this.pki.client(), this.pki.ca()).get(url(context, "/hello"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello CN=alice,O=mtls tests");
			assertRefusedCertificate(
					() -> MtlsClient.of(this.pki.untrustedClient(), this.pki.ca()).get(url(context, "/hello")));
		}
	}

	Stream<Arguments> materialConfigurations() {
		return Stream.of(Arguments.of("PEM", this.pki.pemServerProperties()),
				Arguments.of("PKCS12", storeProperties("server.p12", "trust.p12", null)),
				Arguments.of("JKS with explicit type", storeProperties("server.jks", "trust.jks", "JKS")),
				Arguments.of("JKS detected", storeProperties("server.jks", "trust.jks", null)),
				Arguments.of("PEM trust directory",
						new String[] { "mtls.server.keystore.certificate=" + this.pki.location("server.crt"),
								"mtls.server.keystore.private-key=" + this.pki.location("server.key"),
								"mtls.server.truststore.certificate=" + trustDirectory() }),
				Arguments.of("SSL bundle", new String[] {
						"spring.ssl.bundle.pem.partner-facing.keystore.certificate=" + this.pki.location("server.crt"),
						"spring.ssl.bundle.pem.partner-facing.keystore.private-key=" + this.pki.location("server.key"),
						"spring.ssl.bundle.pem.partner-facing.truststore.certificate=" + this.pki.location("ca.crt"),
						"mtls.server.ssl-bundle=partner-facing" }));
	}

	private String trustDirectory() {
		Path trustDir = this.pki.path("trusted");
		try {
			java.nio.file.Files.createDirectories(trustDir);
			java.nio.file.Files.writeString(trustDir.resolve("test-ca.pem"), this.pki.ca().certificatePem());
			java.nio.file.Files.writeString(trustDir.resolve("README.txt"), "not a certificate");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return "file:" + trustDir;
	}

	private String[] storeProperties(String keyStore, String trustStore, String type) {
		Stream<String> properties = Stream.of("mtls.server.keystore.location=" + this.pki.location(keyStore),
				"mtls.server.keystore.password=" + TestPki.PASSWORD,
				"mtls.server.truststore.location=" + this.pki.location(trustStore),
				"mtls.server.truststore.password=" + TestPki.PASSWORD);
		if (type != null) {
			properties = Stream.concat(properties,
					Stream.of("mtls.server.keystore.type=" + type, "mtls.server.truststore.type=" + type));
		}
		return properties.toArray(String[]::new);
	}

	static String[] with(String[] properties, String... more) {
		return Stream.concat(Stream.of(properties), Stream.of(more)).toArray(String[]::new);
	}

	private static String url(ConfigurableApplicationContext context, String path) {
		return "https://localhost:" + TestServerApplication.mtlsPort(context) + path;
	}

}
