package dev.mtls.boot.server;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot's {@code server.*} connector settings reach the dedicated mutual TLS connector on
 * {@code mtls.server.port} as they reach the main one.
 */
class DedicatedConnectorSettingsIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void mtlsConnectorRefusesAHeaderOverTheConfiguredMaximum() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = start(pki, "server.max-http-request-header-size=1KB")) {
			MtlsClient client = MtlsClient.of(pki.client(), pki.ca());
			String url = "https://localhost:" + TestServerApplication.mtlsPort(context) + "/hello";
			assertThat(client.get(url, "X-Padding", "a".repeat(100)).statusCode()).isEqualTo(200);
			assertThat(client.get(url, "X-Padding", "a".repeat(3 * 1024)).statusCode()).isEqualTo(400);
		}
	}

	@Test
	void mtlsConnectorNegotiatesHttp2WhenEnabled() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = start(pki, "server.http2.enabled=true")) {
			HttpResponse<String> response = MtlsClient.of(pki.client(), pki.ca(), HttpClient.Version.HTTP_2)
				.get("https://localhost:" + TestServerApplication.mtlsPort(context) + "/hello");
			assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
			assertThat(response.body()).isEqualTo("hello CN=alice,O=mtls tests");
		}
	}

	@Test
	void mtlsConnectorSpeaksHttp11OnlyWithoutHttp2() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = start(pki)) {
			HttpResponse<String> response = MtlsClient.of(pki.client(), pki.ca(), HttpClient.Version.HTTP_2)
				.get("https://localhost:" + TestServerApplication.mtlsPort(context) + "/hello");
			assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
		}
	}

	@Test
	void mtlsConnectorCompressesAsConfigured() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = start(pki, "server.compression.enabled=true",
				"server.compression.min-response-size=1B", "server.compression.mime-types=text/plain")) {
			HttpResponse<String> response = MtlsClient.of(pki.client(), pki.ca())
				.get("https://localhost:" + TestServerApplication.mtlsPort(context) + "/hello", "Accept-Encoding",
						"gzip");
			assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
		}
	}

	private static ConfigurableApplicationContext start(TestPki pki, String... properties) {
		return TestServerApplication.run(
				Stream
					.concat(Stream.concat(Stream.of("mtls.server.port=0"), Stream.of(pki.pemServerProperties())),
							Stream.of(properties))
					.toArray(String[]::new));
	}

}
