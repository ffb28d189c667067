package dev.mtls.boot.devpki;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;

import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class DevPkiApplicationTests {

	@TempDir
	Path directory;

	@Test
	void servesWithGeneratedPkiAndLogsWorkingCurlCommand(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = TestServerApplication.run("mtls.dev-pki.enabled=true",
				"mtls.dev-pki.directory=" + this.directory, "mtls.dev-pki.curl-path=/hello")) {
			int port = TestServerApplication.mtlsPort(context);
			assertThat(output).contains("DEVELOPMENT PKI IN USE", "NEVER IN PRODUCTION")
				.contains("curl --cacert " + this.directory.resolve("ca.crt") + " --cert "
						+ this.directory.resolve("alice.crt") + " --key " + this.directory.resolve("alice.key")
						+ " https://localhost:" + port + "/hello");
			IssuedCertificate ca = load(this.directory.resolve("ca.crt"), this.directory.resolve("ca.key"));
			IssuedCertificate alice = fromPkcs12(this.directory.resolve("alice.p12"), "alice");
			HttpResponse<String> response = MtlsClient.of(alice, ca).get("https://localhost:" + port + "/hello");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello CN=alice");
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> MtlsClient.of(null, ca).get("https://localhost:" + port + "/hello"));
		}
	}

	@Test
	void isIgnoredWhenServerIdentityIsConfigured(CapturedOutput output) throws Exception {
		dev.mtls.boot.testing.TestPki pki = new dev.mtls.boot.testing.TestPki(this.directory);
		Path devDirectory = this.directory.resolve("dev");
		try (ConfigurableApplicationContext context = TestServerApplication.run(with(pki.pemServerProperties(),
				"mtls.dev-pki.enabled=true", "mtls.dev-pki.directory=" + devDirectory))) {
			assertThat(devDirectory).doesNotExist();
			assertThat(output).contains("mtls.dev-pki.enabled=true is ignored");
			assertThat(MtlsClient.of(pki.client(), pki.ca())
				.get("https://localhost:" + TestServerApplication.mtlsPort(context) + "/hello")
				.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void isOffByDefault() {
		assertThat(new DevPkiProperties().isEnabled()).isFalse();
	}

	private static String[] with(String[] properties, String... more) {
		return java.util.stream.Stream.concat(java.util.stream.Stream.of(properties), java.util.stream.Stream.of(more))
			.toArray(String[]::new);
	}

	private static IssuedCertificate load(Path certificate, Path key) throws Exception {
		X509Certificate cert;
		try (InputStream in = Files.newInputStream(certificate)) {
			cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		var privateKey = org.springframework.boot.ssl.pem.PemContent.load(key).getPrivateKey();
		return new IssuedCertificate(cert, privateKey, java.util.List.of(cert));
	}

	private static IssuedCertificate fromPkcs12(Path file, String alias) throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			keyStore.load(in, DevelopmentPki.PKCS12_PASSWORD.toCharArray());
		}
		assertThat(Collections.list(keyStore.aliases())).containsExactly(alias);
		X509Certificate certificate = (X509Certificate) keyStore.getCertificate(alias);
		return new IssuedCertificate(certificate,
				(java.security.PrivateKey) keyStore.getKey(alias, DevelopmentPki.PKCS12_PASSWORD.toCharArray()),
				java.util.List.of(certificate));
	}

}
