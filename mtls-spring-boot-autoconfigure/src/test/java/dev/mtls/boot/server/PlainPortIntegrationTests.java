package dev.mtls.boot.server;

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
 * With mutual TLS on its own port, the plain port serves what
 * {@code mtls.server.plain-port-paths} declares, without a certificate, and nothing else,
 * not even paths whose certificate is optional.
 */
class PlainPortIntegrationTests {

	private static final Class<?>[] SOURCES = { TestServerApplication.class,
			TestServerApplication.EchoController.class };

	@TempDir
	Path directory;

	@Test
	void plainPortServesTheDeclaredHealthCheckAndNothingElse() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = start(pki, "mtls.server.plain-port-paths=/actuator/health",
				"mtls.auth.paths[0].pattern=/hello", "mtls.auth.paths[0].required=false")) {
			String plain = "http://127.0.0.1:" + TestServerApplication.serverPort(context);
			String mtls = "https://localhost:" + TestServerApplication.mtlsPort(context);
			assertThat(MtlsClient.plain().get(plain + "/actuator/health").statusCode()).isEqualTo(200);
			assertThat(MtlsClient.plain().get(plain + "/hello").statusCode()).isEqualTo(404);
			assertThat(MtlsClient.plain().get(plain + "/actuator/health/../../hello").statusCode()).isEqualTo(404);
			assertThat(MtlsClient.of(pki.client(), pki.ca()).get(mtls + "/hello").body())
				.isEqualTo("hello CN=alice,O=mtls tests");
			assertThat(MtlsClient.of(null, pki.ca()).get(mtls + "/hello").body()).isEqualTo("hello anonymous");
		}
	}

	@Test
	void plainPortServesNothingWhenNoPathIsDeclared() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = start(pki)) {
			String plain = "http://127.0.0.1:" + TestServerApplication.serverPort(context);
			assertThat(MtlsClient.plain().get(plain + "/actuator/health").statusCode()).isEqualTo(404);
			assertThat(MtlsClient.plain().get(plain + "/hello").statusCode()).isEqualTo(404);
			assertThat(MtlsClient.of(pki.client(), pki.ca())
				.get("https://localhost:" + TestServerApplication.mtlsPort(context) + "/hello")
				.statusCode()).isEqualTo(200);
		}
	}

	private static ConfigurableApplicationContext start(TestPki pki, String... properties) {
		return TestServerApplication.runSecured(SOURCES,
				Stream.concat(Stream.concat(
						Stream.of("mtls.server.port=0", "mtls.server.client-auth=want",
								"management.endpoints.web.exposure.include=health"),
						Stream.of(pki.pemServerProperties())), Stream.of(properties))
					.toArray(String[]::new));
	}

}
