package dev.mtls.boot.server;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.mtls.boot.testing.HandshakeRefusal.assertRefusedCertificate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real TLS handshakes against an embedded Tomcat configured only through
 * {@code mtls.server.*}.
 */
class MtlsServerIntegrationTests {

	@TempDir
	static Path directory;

	private static TestPki pki;

	@BeforeEach
	void issuePki() {
		if (pki == null) {
			pki = new TestPki(directory);
		}
	}

	@Test
	void needAcceptsTrustedClientCertificate() throws Exception {
		try (ConfigurableApplicationContext context = TestServerApplication.run(pki.pemServerProperties())) {
			HttpResponse<String> response = MtlsClient.of(pki.client(), pki.ca()).get(url(context, "/hello"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello CN=alice,O=mtls tests");
		}
	}

	@Test
	void needRefusesHandshakeWithoutClientCertificate() {
		try (ConfigurableApplicationContext context = TestServerApplication.run(pki.pemServerProperties())) {
			assertRefusedCertificate(() -> MtlsClient.of(null, pki.ca()).get(url(context, "/hello")));
		}
	}

	@Test
	void needRefusesClientCertificateFromUntrustedCa() {
		try (ConfigurableApplicationContext context = TestServerApplication.run(pki.pemServerProperties())) {
			assertRefusedCertificate(() -> MtlsClient.of(pki.untrustedClient(), pki.ca()).get(url(context, "/hello")));
		}
	}

	@Test
	void wantLetsRequestWithoutCertificateReachTheApplication() throws Exception {
		try (ConfigurableApplicationContext context = TestServerApplication
			.run(with(pki.pemServerProperties(), "mtls.server.client-auth=want"))) {
			HttpResponse<String> anonymous = MtlsClient.of(null, pki.ca()).get(url(context, "/hello"));
			assertThat(anonymous.statusCode()).isEqualTo(200);
			assertThat(anonymous.body()).isEqualTo("hello anonymous");
			HttpResponse<String> alice = MtlsClient.of(pki.client(), pki.ca()).get(url(context, "/hello"));
			assertThat(alice.body()).isEqualTo("hello CN=alice,O=mtls tests");
		}
	}

	@Test
	void wantStillRefusesUntrustedClientCertificate() {
		try (ConfigurableApplicationContext context = TestServerApplication
			.run(with(pki.pemServerProperties(), "mtls.server.client-auth=want"))) {
			assertRefusedCertificate(() -> MtlsClient.of(pki.untrustedClient(), pki.ca()).get(url(context, "/hello")));
		}
	}

	@Test
	void dedicatedPortDemandsCertificateWhilePlainPortDoesNot() throws Exception {
		try (ConfigurableApplicationContext context = TestServerApplication
			.run(with(pki.pemServerProperties(), "mtls.server.port=0", "mtls.server.plain-port-paths=/hello"))) {
			int mtlsPort = TestServerApplication.mtlsPort(context);
			int plainPort = TestServerApplication.serverPort(context);
			assertThat(mtlsPort).isNotEqualTo(plainPort).isPositive();
			String mtlsUrl = "https://localhost:" + mtlsPort + "/hello";
			assertThat(MtlsClient.of(pki.client(), pki.ca()).get(mtlsUrl).body())
				.isEqualTo("hello CN=alice,O=mtls tests");
			assertRefusedCertificate(() -> MtlsClient.of(null, pki.ca()).get(mtlsUrl));
			HttpResponse<String> plain = MtlsClient.plain().get("http://localhost:" + plainPort + "/hello");
			assertThat(plain.statusCode()).isEqualTo(200);
			assertThat(plain.body()).isEqualTo("hello anonymous");
		}
	}

	@Test
	void dedicatedPortLivesBesideServerSslConnector() throws Exception {
		try (ConfigurableApplicationContext context = TestServerApplication
			.run(with(pki.pemServerProperties(), "mtls.server.port=0", "mtls.server.plain-port-paths=/hello",
					"server.ssl.certificate=" + pki.location("server.crt"),
					"server.ssl.certificate-private-key=" + pki.location("server.key")))) {
			String mainUrl = "https://localhost:" + TestServerApplication.serverPort(context) + "/hello";
			assertThat(MtlsClient.of(null, pki.ca()).get(mainUrl).body()).isEqualTo("hello anonymous");
			String mtlsUrl = "https://localhost:" + TestServerApplication.mtlsPort(context) + "/hello";
			assertThat(MtlsClient.of(pki.client(), pki.ca()).get(mtlsUrl).statusCode()).isEqualTo(200);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("materialConfigurations")
	void servesRequestFromEveryKindOfMaterial(String name, String[] properties) throws Exception {
		try (ConfigurableApplicationContext context = TestServerApplication.run(properties)) {
			HttpResponse<String> response = MtlsClient.of(pki.client(), pki.ca()).get(url(context, "/hello"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello CN=alice,O=mtls tests");
			assertRefusedCertificate(() -> MtlsClient.of(pki.untrustedClient(), pki.ca()).get(url(context, "/hello")));
		}
	}

	static Stream<Arguments> materialConfigurations() {
		if (pki == null) {
			pki = new TestPki(directory);
		}
		return Stream.of(Arguments.of("PEM", pki.pemServerProperties()),
				Arguments.of("PKCS12", storeProperties("server.p12", "trust.p12", null)),
				Arguments.of("JKS with explicit type", storeProperties("server.jks", "trust.jks", "JKS")),
				Arguments.of("JKS detected", storeProperties("server.jks", "trust.jks", null)),
				Arguments.of("PEM trust directory",
						new String[] { "mtls.server.keystore.certificate=" + pki.location("server.crt"),
								"mtls.server.keystore.private-key=" + pki.location("server.key"),
								"mtls.server.truststore.certificate=" + trustDirectory() }),
				Arguments.of("SSL bundle", new String[] {
						"spring.ssl.bundle.pem.partner-facing.keystore.certificate=" + pki.location("server.crt"),
						"spring.ssl.bundle.pem.partner-facing.keystore.private-key=" + pki.location("server.key"),
						"spring.ssl.bundle.pem.partner-facing.truststore.certificate=" + pki.location("ca.crt"),
						"mtls.server.ssl-bundle=partner-facing" }));
	}

	private static String trustDirectory() {
		Path trustDir = pki.path("trusted");
		try {
			java.nio.file.Files.createDirectories(trustDir);
			java.nio.file.Files.writeString(trustDir.resolve("test-ca.pem"), pki.ca().certificatePem());
			java.nio.file.Files.writeString(trustDir.resolve("README.txt"), "not a certificate");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return "file:" + trustDir;
	}

	private static String[] storeProperties(String keyStore, String trustStore, String type) {
		Stream<String> properties = Stream.of("mtls.server.keystore.location=" + pki.location(keyStore),
				"mtls.server.keystore.password=" + TestPki.PASSWORD,
				"mtls.server.truststore.location=" + pki.location(trustStore),
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
