package dev.mtls.boot.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.mtls.boot.client.MtlsRestClientSsl;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.pki.MtlsFailureAnalysis;
import dev.mtls.boot.reload.MaterialReloadState;
import dev.mtls.boot.server.MtlsServerSslBundleRegistrar;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Every failure path at once, then one check: no password and no private-key material in
 * logs, exception messages, failure analyses or actuator output.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretHygieneTests {

	private static final String WRONG_PASSWORD = "wrong-Password-4711";

	private static final HttpClient PLAIN = HttpClient.newHttpClient();

	@TempDir
	Path directory;

	@Test
	void noPasswordOrKeyMaterialLeaksFromAnyFailurePath(CapturedOutput output) throws Exception {
		TestPki pki = new TestPki(this.directory);
		List<String> reported = new ArrayList<>();
		// Wrong store password, wrong key password, broken key: startup failures
		startupFailure(reported, "mtls.server.keystore.location=" + pki.location("server.p12"),
				"mtls.server.keystore.password=" + WRONG_PASSWORD,
				"mtls.server.truststore.certificate=" + pki.location("ca.crt"));
		startupFailure(reported, "mtls.server.keystore.location=" + pki.location("server.p12"),
				"mtls.server.keystore.password=" + TestPki.PASSWORD,
				"mtls.server.keystore.key-password=" + WRONG_PASSWORD,
				"mtls.server.truststore.certificate=" + pki.location("ca.crt"));
		String keyPem = pki.server().privateKeyPem();
		Files.writeString(pki.path("broken.key"), keyPem.substring(0, keyPem.length() / 2));
		startupFailure(reported, "mtls.server.keystore.certificate=" + pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + pki.location("broken.key"),
				"mtls.server.truststore.certificate=" + pki.location("ca.crt"));
		try (ConfigurableApplicationContext context = ActuateTestApplication.start(pki, "mtls.server.client-auth=need",
				"mtls.reload.quiet-period=200ms", "mtls.reload.period=1s",
				"mtls.client.keystore.certificate=" + pki.location("server.crt"),
				"mtls.client.keystore.private-key=" + pki.location("server.key"),
				"mtls.client.truststore.certificate=" + pki.location("other-ca.crt"))) {
			String base = "https://localhost:" + TestServerApplication.serverPort(context);
			// Refused clients in the handshake and in authentication
			expectFailure(() -> MtlsClient.of(pki.untrustedClient(), pki.ca()).get(base + "/hello"));
			expectFailure(() -> MtlsClient.of(null, pki.ca()).get(base + "/hello"));
			// A failed outbound call: the default client does not trust the server
			Throwable outbound = catchThrowable(() -> context.getBean(RestClient.Builder.class)
				.apply(context.getBean(MtlsRestClientSsl.class).fromClient("default"))
				.build()
				.get()
				.uri(base + "/hello")
				.retrieve()
				.body(String.class));
			assertThat(outbound).as("failed outbound call").isNotNull();
			reported.add(messages(outbound));
			// Reload of broken material keeps the old one and reports it
			Files.writeString(pki.path("server.key"), keyPem.substring(0, keyPem.length() / 3));
			MaterialReloadState state = context.getBean(MaterialReloadState.class);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> state.getBundle(MtlsServerSslBundleRegistrar.BUNDLE_NAME).lastError() != null);
			reported.add(state.getBundle(MtlsServerSslBundleRegistrar.BUNDLE_NAME).lastError());
			// Actuator output
			for (String path : List.of("/actuator/mtls", "/actuator/health",
					"/actuator/metrics/mtls.handshake.failures", "/actuator/metrics/mtls.authentications")) {
				reported.add(MtlsClient.of(pki.client(), pki.ca()).get(base + path).body());
			}
		}
		// Refused forwarded headers
		try (ConfigurableApplicationContext proxy = TestServerApplication.runSecured(
				new Class<?>[] { TestServerApplication.class, TestServerApplication.EchoController.class },
				"mtls.server.enabled=false", "mtls.proxy.enabled=true", "mtls.proxy.trusted-proxies=10.0.0.0/8",
				"mtls.server.truststore.certificate=" + pki.location("ca.crt"))) {
			HttpResponse<String> refused = PLAIN.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + TestServerApplication.serverPort(proxy) + "/hello"))
				.header("X-SSL-Client-Cert", keyPem.replace("\n", "%0A"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).isEqualTo(401);
			reported.add(refused.body());
		}
		reported.add(output.getAll());
		String everything = String.join("\n", reported);
		assertThat(everything).contains("mtls.server.keystore.password")
			.contains("TLS handshake refused")
			.contains("Refused to reload SSL bundle");
		assertThat(everything).doesNotContain(TestPki.PASSWORD)
			.doesNotContain(WRONG_PASSWORD)
			.doesNotContain("PRIVATE KEY");
		for (IssuedCertificate identity : List.of(pki.server(), pki.client(), pki.untrustedClient())) {
			String encoded = Base64.getEncoder().encodeToString(identity.privateKey().getEncoded());
			for (int i = 0; i + 24 <= encoded.length(); i += 24) {
				assertThat(everything).doesNotContain(encoded.substring(i, i + 24));
			}
		}
	}

	private static void startupFailure(List<String> reported, String... properties) {
		Throwable thrown = catchThrowable(() -> TestServerApplication.run(properties).close());
		assertThat(thrown).isNotNull();
		reported.add(messages(thrown));
		FailureAnalysis analysis = MtlsFailureAnalysis.analyze(thrown);
		assertThat(analysis).as("failure analysis of %s", thrown).isNotNull();
		reported.add(analysis.getDescription());
		reported.add(analysis.getAction());
	}

	private static void expectFailure(ThrowingCall call) {
		try {
			HttpResponse<String> response = call.call();
			assertThat(response.statusCode()).isEqualTo(401);
		}
		catch (IOException ex) {
			// Refused in the handshake
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String messages(Throwable thrown) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			messages.append(cause).append('\n');
			if (cause.getCause() == cause) {
				break;
			}
		}
		return messages.toString();
	}

	@FunctionalInterface
	private interface ThrowingCall {

		HttpResponse<String> call() throws Exception;

	}

}
