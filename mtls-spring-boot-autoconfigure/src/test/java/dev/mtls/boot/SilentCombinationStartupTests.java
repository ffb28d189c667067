package dev.mtls.boot;

import java.nio.file.Path;
import java.util.stream.Stream;

import dev.mtls.boot.pki.MtlsFailureAnalysis;
import dev.mtls.boot.pki.MtlsMaterialException;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Combinations of {@code mtls.*} settings that would silently do nothing or less than
 * they read stop the application at startup with a failure analysis that names the
 * property; the combination that is resolved instead (an optional path policy such as
 * {@code /**} next to operator-only Actuator endpoints) keeps the operator role in force.
 */
class SilentCombinationStartupTests {

	private static final String PROXY_FINGERPRINT = "ab".repeat(32);

	@TempDir
	Path directory;

	private TestPki pki;

	@BeforeEach
	void issue() {
		this.pki = new TestPki(this.directory.resolve("pki"));
	}

	@Test
	void refusesTrustedProxyCertificateThatIsNoFingerprint() {
		FailureAnalysis analysis = assertStartupFailure("mtls.proxy.trusted-proxy-certificates[1]",
				withTls("mtls.proxy.enabled=true", "mtls.proxy.trusted-proxies=127.0.0.1",
						"mtls.proxy.trusted-proxy-certificates=" + PROXY_FINGERPRINT + ",CN=nginx"));
		assertThat(analysis.getDescription()).contains("entry 'CN=nginx' is not a SHA-256 fingerprint");
		assertThat(analysis.getAction()).contains("openssl x509 -in proxy.crt -noout -fingerprint -sha256");
	}

	@Test
	void refusesTrustedProxyCertificatesWhenTheServerAsksNoClientCertificate() {
		FailureAnalysis analysis = assertStartupFailure("mtls.proxy.trusted-proxy-certificates",
				"mtls.server.enabled=false", "mtls.server.truststore.certificate=" + this.pki.location("ca.crt"),
				"mtls.proxy.enabled=true", "mtls.proxy.trusted-proxies=127.0.0.1",
				"mtls.proxy.trusted-proxy-certificates=" + PROXY_FINGERPRINT);
		assertThat(analysis.getDescription()).contains("mtls.server.enabled=false",
				"the proxy's certificate is never seen");
		assertStartupFailure("mtls.proxy.trusted-proxy-certificates",
				withTls("mtls.server.client-auth=none", "mtls.proxy.enabled=true",
						"mtls.proxy.trusted-proxies=127.0.0.1",
						"mtls.proxy.trusted-proxy-certificates=" + PROXY_FINGERPRINT));
	}

	@Test
	void refusesVerifyValueWithoutVerifyHeader() {
		FailureAnalysis analysis = assertStartupFailure("mtls.proxy.verify-value",
				plainBehindProxy("mtls.proxy.verify-value=ok"));
		assertThat(analysis.getDescription()).contains("the proxy's verdict is never read");
	}

	@Test
	void refusesXfccElementWithAnotherFormat() {
		FailureAnalysis analysis = assertStartupFailure("mtls.proxy.xfcc-element",
				plainBehindProxy("mtls.proxy.format=der-base64", "mtls.proxy.xfcc-element=last"));
		assertThat(analysis.getDescription()).contains("mtls.proxy.format=der-base64");
	}

	@Test
	void refusesDevelopmentPkiForTheTlsHopToAProxy() {
		FailureAnalysis analysis = assertStartupFailure("mtls.dev-pki.enabled", "mtls.dev-pki.enabled=true",
				"mtls.dev-pki.directory=" + this.directory.resolve("dev-pki"), "mtls.proxy.enabled=true",
				"mtls.proxy.trusted-proxies=127.0.0.1");
		assertThat(analysis.getDescription()).contains("the proxy hop would be authenticated by the development CA");
		assertThat(analysis.getAction()).contains("mtls.server.enabled=false");
	}

	@Test
	void developmentPkiBehindAProxyWithPlainHttpStillStarts() {
		try (ConfigurableApplicationContext context = TestServerApplication.runSecured(
				new Class<?>[] { AuditTestApplication.class }, "mtls.dev-pki.enabled=true",
				"mtls.dev-pki.directory=" + this.directory.resolve("dev-pki"), "mtls.server.enabled=false",
				"mtls.proxy.enabled=true", "mtls.proxy.trusted-proxies=127.0.0.1")) {
			assertThat(context.isActive()).isTrue();
		}
	}

	@Test
	void refusesPlainPortPathsWithoutAPlainPort() {
		FailureAnalysis analysis = assertStartupFailure("mtls.server.plain-port-paths",
				withTls("mtls.server.plain-port-paths=/actuator/health"));
		assertThat(analysis.getDescription()).contains("there is no plain port");
		assertThat(analysis.getAction()).contains("mtls.server.port");
	}

	@Test
	void refusesOptionalPathPolicyThatNamesOperatorOnlyActuatorEndpoints() {
		FailureAnalysis analysis = assertStartupFailure("mtls.auth.paths[1].pattern",
				withTls("mtls.server.client-auth=want", "mtls.auth.paths[0].pattern=/actuator/health/**",
						"mtls.auth.paths[0].required=false", "mtls.auth.paths[1].pattern=/actuator/prometheus",
						"mtls.auth.paths[1].required=false"));
		assertThat(analysis.getDescription()).contains("'/actuator/prometheus' names Actuator endpoints",
				"mtls.auth.actuator-roles [ACTUATOR]");
	}

	@Test
	void refusesOptionalPathPolicyThatTheHandshakeMakesUnreachable() {
		FailureAnalysis analysis = assertStartupFailure("mtls.auth.paths[0].required",
				withTls("mtls.auth.paths[0].pattern=/open", "mtls.auth.paths[0].required=false"));
		assertThat(analysis.getDescription()).contains("mtls.server.client-auth=need refuses every connection");
		assertThat(analysis.getAction()).contains("mtls.server.client-auth=want");
	}

	@Test
	void optionalPathPolicyForEverythingKeepsActuatorEndpointsOperatorOnly() throws Exception {
		try (ConfigurableApplicationContext context = TestServerApplication.runSecured(
				new Class<?>[] { AuditTestApplication.class },
				withTls("mtls.server.client-auth=want", "mtls.auth.paths[0].pattern=/**",
						"mtls.auth.paths[0].required=false",
						"management.endpoints.web.exposure.include=health,mtls"))) {
			String base = "https://localhost:" + TestServerApplication.serverPort(context);
			MtlsClient anonymous = MtlsClient.of(null, this.pki.ca());
			assertThat(anonymous.get(base + "/open").statusCode()).isEqualTo(200);
			assertThat(anonymous.get(base + "/actuator/health").statusCode()).isEqualTo(200);
			assertThat(anonymous.get(base + "/actuator/mtls").statusCode()).isEqualTo(401);
			assertThat(MtlsClient.of(this.pki.client(), this.pki.ca()).get(base + "/actuator/mtls").statusCode())
				.isEqualTo(403);
		}
	}

	private String[] withTls(String... properties) {
		return Stream.concat(Stream.of(this.pki.pemServerProperties()), Stream.of(properties)).toArray(String[]::new);
	}

	private String[] plainBehindProxy(String... properties) {
		return Stream.concat(Stream.of("mtls.server.enabled=false",
				"mtls.server.truststore.certificate=" + this.pki.location("ca.crt"), "mtls.proxy.enabled=true",
				"mtls.proxy.trusted-proxies=127.0.0.1"), Stream.of(properties))
			.toArray(String[]::new);
	}

	private static FailureAnalysis assertStartupFailure(String property, String... properties) {
		Throwable thrown = catchThrowable(
				() -> TestServerApplication.runSecured(new Class<?>[] { AuditTestApplication.class }, properties)
					.close());
		assertThat(thrown).as("startup failure").isNotNull();
		MtlsMaterialException exception = null;
		for (Throwable candidate = thrown; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof MtlsMaterialException material) {
				exception = material;
			}
		}
		assertThat(exception).as("MtlsMaterialException in the cause chain of %s", thrown).isNotNull();
		assertThat(exception.getProperty()).isEqualTo(property);
		FailureAnalysis analysis = MtlsFailureAnalysis.analyze(thrown);
		assertThat(analysis.getDescription()).contains("Property: " + property);
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(AuditTestApplication.Open.class)
	static class AuditTestApplication {

		@RestController
		static class Open {

			@GetMapping("/open")
			String open() {
				return "open";
			}

		}

	}

}
