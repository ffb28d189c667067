package dev.mtls.boot.test.cli;

import java.io.ByteArrayOutputStream;
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
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.mtls.boot.auth.CertificatePrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The certificate tool's server identity usable as a client, and the curl line it prints.
 */
class MtlsPkiCliTests {

	private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	@TempDir
	Path pki;

	@Test
	void serverCertificateHasServerAuthOnlyByDefault() throws Exception {
		run("ca");
		run("server");
		assertThat(certificate("server.crt").getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
	}

	@Test
	void serverWithClientAuthEkuIsAcceptedAsClientIdentityOverRealTls() throws Exception {
		run("ca");
		String output = run("server", "--client-auth-eku", "--ip", "127.0.0.1", "--dns", "localhost");
		assertThat(output).contains("usable as server and client identity");
		assertThat(certificate("server.crt").getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
		run("server", "--name", "server-only");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off", "mtls.server.client-auth=want",
					"mtls.server.keystore.certificate=file:" + this.pki.resolve("server.crt"),
					"mtls.server.keystore.private-key=file:" + this.pki.resolve("server.key"),
					"mtls.server.truststore.certificate=file:" + this.pki.resolve("ca.crt"))
			.run()) {
			String url = "https://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/whoami";
			// The same identity the server presents, now presented by a client.
			HttpResponse<String> asClient = get(url, "server.p12");
			assertThat(asClient.statusCode()).isEqualTo(200);
			assertThat(asClient.body()).isEqualTo("localhost");
			// Without --client-auth-eku the TLS handshake already refuses it as a client.
			assertThatIOException().isThrownBy(() -> get(url, "server-only.p12"));
		}
	}

	@Test
	void curlLineUsesTheGivenPort() throws Exception {
		run("ca");
		assertThat(run("client", "--cn", "partner", "--port", "9443")).contains("https://localhost:9443/")
			.doesNotContain("8443");
	}

	@Test
	void curlLineSaysWhereThePortGoesWithoutOne() throws Exception {
		run("ca");
		assertThat(run("client", "--cn", "partner")).contains("https://localhost:8443/")
			.contains("replace it with your application's mTLS port");
	}

	@Test
	void refusesAPortThatIsNoNumber() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		MtlsPkiCli.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), "ca", "--out",
				this.pki.toString());
		int status = MtlsPkiCli.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), "client",
				"--out", this.pki.toString(), "--cn", "x", "--port", "https");
		assertThat(status).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be a port number, got 'https'");
	}

	private String run(String command, String... options) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		String[] args = new String[options.length + 3];
		args[0] = command;
		args[1] = "--out";
		args[2] = this.pki.toString();
		System.arraycopy(options, 0, args, 3, options.length);
		int status = MtlsPkiCli.run(new PrintStream(out), new PrintStream(err), args);
		assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
		return out.toString(StandardCharsets.UTF_8);
	}

	private X509Certificate certificate(String name) throws Exception {
		try (InputStream in = Files.newInputStream(this.pki.resolve(name))) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

	private HttpResponse<String> get(String url, String identity) throws Exception {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(this.pki.resolve(identity))) {
			keys.load(in, MtlsPkiCli.DEFAULT_PASSWORD.toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, MtlsPkiCli.DEFAULT_PASSWORD.toCharArray());
		KeyStore trust = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(this.pki.resolve("truststore.p12"))) {
			trust.load(in, MtlsPkiCli.DEFAULT_PASSWORD.toCharArray());
		}
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
		trustManagers.init(trust);
		SSLContext ssl = SSLContext.getInstance("TLS");
		ssl.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
		return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(EchoController.class)
	static class EchoApplication {

	}

	@RestController
	static class EchoController {

		@GetMapping("/whoami")
		String whoami(@AuthenticationPrincipal CertificatePrincipal caller) {
			return caller.getName();
		}

	}

}
