package dev.mtls.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.pki.CertificateFingerprint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sample as a newcomer runs it: development PKI on, called with the generated
 * {@code alice} certificate.
 * <p>
 * Specified once, run against both samples: concrete subclasses in sample-app and
 * sample-webflux-app name their application class.
 */
@TestInstance(Lifecycle.PER_CLASS)
public abstract class SampleApplicationSpecification {

	@TempDir
	static Path pkiDirectory;

	private static ConfigurableApplicationContext context;

	private static int port;

	@BeforeAll
	void start() {
		context = SpringApplication.run(applicationClass(), "--server.port=0",
				"--mtls.dev-pki.directory=" + pkiDirectory);
		port = context.getEnvironment().getRequiredProperty("local.mtls.port", Integer.class);
	}

	@AfterAll
	void stop() {
		context.close();
	}

	@Test
	void whoamiDescribesThePresentedCertificate() throws Exception {
		HttpResponse<String> response = send(client("alice"));
		assertThat(response.statusCode()).isEqualTo(200);
		X509Certificate alice = certificate("alice.crt");
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.principal", String.class)).isEqualTo("alice");
		assertThat(json.read("$.subject", String.class)).isEqualTo("CN=alice");
		assertThat(json.read("$.issuer", String.class))
			.isEqualTo(certificate("ca.crt").getSubjectX500Principal().getName());
		assertThat(json.read("$.serial", String.class)).isEqualTo(alice.getSerialNumber().toString(16));
		assertThat(Instant.parse(json.read("$.notAfter", String.class))).isEqualTo(alice.getNotAfter().toInstant());
		assertThat(json.read("$.fingerprint", String.class)).isEqualTo(CertificateFingerprint.sha256(alice))
			.matches("[0-9a-f]{64}");
		assertThat(json.read("$.roles", java.util.List.class)).containsExactly("USER");
	}

	@Test
	void adminEndpointAdmitsAdminClientOnly() throws Exception {
		HttpResponse<String> admin = send(client("admin-client"), "/api/admin");
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(admin.body()).read("$.message", String.class))
			.isEqualTo("Welcome, administrator admin-client");
		HttpResponse<String> alice = send(client("alice"), "/api/admin");
		assertThat(alice.statusCode()).isEqualTo(403);
		assertThat(alice.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
	}

	@Test
	void refusesCallerWithoutCertificate() {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> send(client(null)));
	}

	private static HttpResponse<String> send(HttpClient client) throws Exception {
		return send(client, "/api/whoami");
	}

	static HttpResponse<String> send(HttpClient client, int port, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> send(HttpClient client, String path) throws Exception {
		return send(client, port, path);
	}

	static HttpClient client(String name) throws Exception {
		return client(pkiDirectory, name);
	}

	static HttpClient client(Path pkiDirectory, String name) throws Exception {
		KeyManagerFactory keyManagers = null;
		if (name != null) {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(pkiDirectory.resolve(name + ".p12"))) {
				keyStore.load(in, "changeit".toCharArray());
			}
			keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keyStore, "changeit".toCharArray());
		}
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		trustStore.setCertificateEntry("ca", certificate(pkiDirectory, "ca.crt"));
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trustStore);
		SSLContext sslContext = SSLContext.getInstance("TLS");
		sslContext.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
				null);
		return HttpClient.newBuilder().sslContext(sslContext).version(HttpClient.Version.HTTP_1_1).build();
	}

	private static X509Certificate certificate(String file) throws Exception {
		return certificate(pkiDirectory, file);
	}

	private static X509Certificate certificate(Path pkiDirectory, String file) throws Exception {
		try (InputStream in = Files.newInputStream(pkiDirectory.resolve(file))) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

	/**
	 * The sample's application class, started by {@link SpringApplication#run}.
	 * @return the application class
	 */
	protected abstract Class<?> applicationClass();

}
