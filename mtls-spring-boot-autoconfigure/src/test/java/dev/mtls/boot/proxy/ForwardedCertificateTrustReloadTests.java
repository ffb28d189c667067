package dev.mtls.boot.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.actuate.MtlsLifecycleRecorder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.reload.MaterialReloadState;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client CAs that forwarded certificates are validated against follow the files of
 * {@code mtls.server.truststore}: behind a proxy without server TLS (the files are
 * watched for that alone), and with server TLS on (the server bundle's reload reaches the
 * forwarded-certificate validation too).
 */
@ExtendWith(OutputCaptureExtension.class)
class ForwardedCertificateTrustReloadTests {

	/**
	 * Well above the reload period and quiet period below, never reached when reload
	 * works.
	 */
	private static final Duration RELOAD_DEADLINE = Duration.ofSeconds(30);

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@TempDir
	Path directory;

	@Test
	void behindAProxyACaAddedIsTrustedACaRemovedIsNotAndNoCaLeftRefusesEveryone(CapturedOutput output)
			throws Exception {
		TestPki pki = new TestPki(this.directory.resolve("pki"));
		Path trusted = Files.createDirectories(this.directory.resolve("trusted"));
		Files.copy(pki.path("ca.crt"), trusted.resolve("ca.crt"));
		try (ConfigurableApplicationContext app = TestServerApplication.runSecured(ProxyTestApplication.SOURCES,
				"mtls.server.enabled=false", "mtls.proxy.enabled=true", "mtls.proxy.trusted-proxies=127.0.0.1,::1",
				"mtls.server.truststore.certificate=file:" + trusted + "/", "mtls.reload.quiet-period=200ms",
				"mtls.reload.period=1s")) {
			assertThat(app.getBean(MaterialReloadState.class).getBundles()).containsKey("mtls-server");
			assertAccepted(forward(app, pki.client()), "alice");
			assertRefused(forward(app, pki.untrustedClient()), "forwarded certificate is not trusted");

			Files.copy(pki.path("other-ca.crt"), trusted.resolve("partner-ca.pem"));
			await().atMost(RELOAD_DEADLINE)
				.untilAsserted(() -> assertAccepted(forward(app, pki.untrustedClient()), "mallory"));
			assertAccepted(forward(app, pki.client()), "alice");

			Files.delete(trusted.resolve("ca.crt"));
			await().atMost(RELOAD_DEADLINE)
				.untilAsserted(() -> assertRefused(forward(app, pki.client()), "forwarded certificate is not trusted"));
			assertAccepted(forward(app, pki.untrustedClient()), "mallory");

			Files.delete(trusted.resolve("partner-ca.pem"));
			await().atMost(RELOAD_DEADLINE)
				.untilAsserted(() -> assertRefused(forward(app, pki.untrustedClient()),
						"no client CA is trusted (mtls.server.truststore holds no certificate)"));
			assertRefused(forward(app, pki.client()), "no client CA is trusted");
			assertThat(output).contains("ERROR")
				.contains("No client CA is trusted any more: mtls.server.truststore now holds no certificate");
			assertThat(app.getBean(MaterialReloadState.class).getBundle("mtls-server").successes()).isEqualTo(3);
			// Same metrics as with server TLS: mtls.reloads{result=success} counts them.
			assertThat(app.getBean(MtlsLifecycleRecorder.class).getReloadState().successes()).isEqualTo(3);
		}
	}

	@Test
	void withServerTlsACaAddedByAReloadIsTrustedForForwardedCertificates() throws Exception {
		TestPki pki = new TestPki(this.directory.resolve("pki"));
		Path trusted = Files.createDirectories(this.directory.resolve("trusted"));
		Files.copy(pki.path("ca.crt"), trusted.resolve("ca.crt"));
		try (ConfigurableApplicationContext app = TestServerApplication.runSecured(ProxyTestApplication.SOURCES,
				"mtls.proxy.enabled=true", "mtls.proxy.trusted-proxies=127.0.0.1,::1",
				"mtls.server.keystore.certificate=" + pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + pki.location("server.key"),
				"mtls.server.truststore.certificate=file:" + trusted + "/", "mtls.reload.quiet-period=200ms",
				"mtls.reload.period=1s")) {
			// The proxy authenticates with its own certificate (alice's will do).
			HeaderSendingClient proxy = HeaderSendingClient.of(pki.client(), pki.ca());
			String url = "https://localhost:" + TestServerApplication.serverPort(app) + "/api/whoami";
			String mallory = ForwardedCertificateIntegrationTests.escaped(pki.untrustedClient());
			assertRefused(proxy.get(url, "X-SSL-Client-Cert", mallory), "forwarded certificate is not trusted");

			Files.copy(pki.path("other-ca.crt"), trusted.resolve("partner-ca.pem"));
			await().atMost(RELOAD_DEADLINE)
				.untilAsserted(() -> assertAccepted(proxy.get(url, "X-SSL-Client-Cert", mallory), "mallory"));
		}
	}

	private static HttpResponse<String> forward(ConfigurableApplicationContext app, IssuedCertificate certificate)
			throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + TestServerApplication.serverPort(app) + "/api/whoami"))
			.header("X-SSL-Client-Cert", ForwardedCertificateIntegrationTests.escaped(certificate))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static void assertAccepted(HttpResponse<String> response, String principal) {
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo(principal);
	}

	private static void assertRefused(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(JsonPath.parse(response.body()).read("$.detail", String.class)).contains(reason);
	}

}
