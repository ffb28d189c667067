package dev.mtls.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.test.cli.MtlsPkiCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The files of {@link MtlsPkiCli} as a user takes them: the sample serves the CLI's
 * server PKCS12 and trusts its JKS trust store; curl presents the client's PEM files and
 * a Java client the client's PKCS12.
 * <p>
 * Specified once, run against both samples: concrete subclasses in sample-app and
 * sample-webflux-app name their application class.
 */
@TestInstance(Lifecycle.PER_CLASS)
public abstract class CliGeneratedPkiSpecification {

	@TempDir
	static Path pki;

	private static ConfigurableApplicationContext context;

	private static int port;

	@BeforeAll
	void generateAndStart() {
		cli("ca", "--out", pki.toString());
		cli("server", "--out", pki.toString(), "--dns", "localhost", "--ip", "127.0.0.1", "--password", "server-pw");
		cli("client", "--out", pki.toString(), "--cn", "partner", "--password", "partner-pw");
		cli("client", "--out", pki.toString(), "--cn", "admin-client");
		context = SpringApplication.run(applicationClass(), "--server.port=0", "--mtls.dev-pki.enabled=false",
				"--mtls.server.keystore.location=file:" + pki.resolve("server.p12"),
				"--mtls.server.keystore.password=server-pw",
				"--mtls.server.truststore.location=file:" + pki.resolve("truststore.jks"),
				"--mtls.server.truststore.password=changeit");
		port = context.getEnvironment().getRequiredProperty("local.mtls.port", Integer.class);
	}

	@AfterAll
	void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void curlWithTheClientPemFilesIsAccepted() throws Exception {
		CurlResult result = curl("--cert", pki.resolve("partner.crt").toString(), "--key",
				pki.resolve("partner.key").toString(), "https://localhost:" + port + "/api/whoami");
		assertThat(result.status()).isEqualTo("200");
		assertThat(JsonPath.parse(result.body()).read("$.principal", String.class)).isEqualTo("partner");
	}

	@Test
	void curlWithTheAdminClientReachesTheAdminEndpoint() throws Exception {
		CurlResult result = curl("--cert", pki.resolve("admin-client.crt").toString(), "--key",
				pki.resolve("admin-client.key").toString(), "https://127.0.0.1:" + port + "/api/admin");
		assertThat(result.status()).isEqualTo("200");
	}

	@Test
	void javaClientWithTheClientPkcs12IsAccepted() throws Exception {
		KeyStore identity = load(pki.resolve("partner.p12"), "PKCS12", "partner-pw");
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(identity, "partner-pw".toCharArray());
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
		trustManagers.init(load(pki.resolve("truststore.p12"), "PKCS12", "changeit"));
		SSLContext sslContext = SSLContext.getInstance("TLS");
		sslContext.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		HttpClient client = HttpClient.newBuilder().sslContext(sslContext).version(HttpClient.Version.HTTP_1_1).build();
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/whoami")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(response.body()).read("$.subject", String.class)).isEqualTo("CN=partner");
		assertThat(JsonPath.parse(response.body()).read("$.roles", List.class)).containsExactly("USER");
	}

	@Test
	void refusesToReplaceAnExistingCaWithoutForce() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = MtlsPkiCli.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), "ca", "--out",
				pki.toString());
		assertThat(status).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("ca.key exists; pass --force");
	}

	private static void cli(String... args) {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = MtlsPkiCli.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), args);
		assertThat(status).as("mtls-pki %s: %s", args[0], err.toString(StandardCharsets.UTF_8)).isZero();
	}

	private static KeyStore load(Path file, String type, String password) throws Exception {
		KeyStore store = KeyStore.getInstance(type);
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, password.toCharArray());
		}
		return store;
	}

	/**
	 * Run the real curl: on CI (environment variable {@code CI} set) a missing curl fails
	 * the test, elsewhere it skips it.
	 */
	private static CurlResult curl(String... args) throws IOException, InterruptedException {
		boolean available;
		try {
			available = new ProcessBuilder("curl", "--version").start().waitFor() == 0;
		}
		catch (IOException ex) {
			available = false;
		}
		if (System.getenv("CI") != null) {
			assertThat(available).as("curl must be installed on CI").isTrue();
		}
		assumeTrue(available, "curl is not installed");
		List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--cacert",
				pki.resolve("ca.crt").toString(), "--write-out", "\n%{http_code}"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		int newline = output.lastIndexOf('\n');
		return new CurlResult(output.substring(newline + 1).trim(), output.substring(0, newline));
	}

	private record CurlResult(String status, String body) {
	}

	/**
	 * The sample's application class, started by {@link SpringApplication#run}.
	 * @return the application class
	 */
	protected abstract Class<?> applicationClass();

}
