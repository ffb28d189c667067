package dev.mtls.boot.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import dev.mtls.boot.testing.WebStack;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on plain HTTP behind a (simulated) proxy on loopback: the test sends the
 * headers a proxy would. One specification, run on the servlet and on the reactive stack.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(WebStack.class)
@ExtendWith(OutputCaptureExtension.class)
class ForwardedCertificateIntegrationTests {

	@Parameter
	WebStack stack;

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@TempDir
	Path directory;

	@Test
	void forwardedCertificateFromTrustedPeerAuthenticatesAndHeaderNeverReachesController() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = start(this.stack, pki,
				"mtls.proxy.trusted-proxies=127.0.0.1/32,::1")) {
			HttpResponse<String> response = get(app, "X-SSL-Client-Cert", escaped(pki.client()));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo("alice");
			assertThat(JsonPath.parse(response.body()).read("$.headers", List.class)).isEmpty();
		}
	}

	@Test
	void headerFromUntrustedPeerIsRefusedAndLogged(CapturedOutput output) throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.proxy.trusted-proxies=10.0.0.0/8")) {
			HttpResponse<String> response = get(app, "X-SSL-Client-Cert", escaped(pki.client()));
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow())
				.startsWith("application/problem+json");
			assertThat(output)
				.contains("Refused forwarded client certificate header 'X-SSL-Client-Cert' from untrusted peer");
			assertThat(refusals(app, "untrusted-peer")).isEqualTo(1);
		}
	}

	@Test
	void startupSummarySaysPlainHttpBehindTheTrustedProxies(CapturedOutput output) throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.proxy.trusted-proxies=127.0.0.1/32",
				"mtls.proxy.verify-header=X-SSL-Client-Verify")) {
			int port = TestServerApplication.serverPort(app);
			assertThat(output).contains("mTLS ready: ports " + port
					+ " (plain HTTP behind trusted proxies 127.0.0.1/32), client certificates forwarded by the proxy")
				.contains("proxy=pem-urlencoded header with verdict X-SSL-Client-Verify, re-validated");
		}
	}

	@Test
	void proxyModeIsShownInEndpointHealthAndExpiryGauges() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.proxy.trusted-proxies=127.0.0.1/32",
				"mtls.proxy.verify-header=X-SSL-Client-Verify", "mtls.auth.roles.alice=ACTUATOR",
				"management.endpoints.web.exposure.include=mtls,health",
				"management.endpoint.health.show-details=always")) {
			String pem = escaped(pki.client());
			HttpResponse<String> endpoint = HTTP.send(request(app, "/actuator/mtls").header("X-SSL-Client-Cert", pem)
				.header("X-SSL-Client-Verify", "SUCCESS")
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(endpoint.statusCode()).isEqualTo(200);
			DocumentContext json = JsonPath.parse(endpoint.body());
			assertThat(json.read("$.proxy.format", String.class)).isEqualTo("pem-urlencoded");
			assertThat(json.read("$.proxy.trustedProxies", List.class)).containsExactly("127.0.0.1/32");
			assertThat(json.read("$.proxy.verifyHeader", String.class)).isEqualTo("X-SSL-Client-Verify");
			assertThat(json.read("$.proxy.revalidate", Boolean.class)).isTrue();
			assertThat(json.read("$.proxy.trustAnchors[0].subject", String.class)).isEqualTo("CN=Test CA,O=mtls tests");
			assertThat(json.read("$.clients", java.util.Map.class)).isEmpty();
			HttpResponse<String> health = HTTP.send(request(app, "/actuator/health").build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(JsonPath.parse(health.body())
				.read("$.components.mtls.details.proxy.trustedCertificates", Integer.class)).isEqualTo(1);
			assertThat(app.getBean(MeterRegistry.class)
				.get("mtls.certificate.expiry")
				.tag("bundle", "mtls.server.truststore")
				.tag("usage", "trust")
				.gauge()
				.value()).isPositive();
		}
	}

	@Test
	void refusedHeadersAreCountedAsFailedAuthenticationsWithTheirReason() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.proxy.trusted-proxies=127.0.0.1,::1",
				"mtls.proxy.verify-header=X-SSL-Client-Verify")) {
			String pem = escaped(pki.client());
			assertThat(get(app, "X-SSL-Client-Cert", pem).statusCode()).isEqualTo(401);
			assertThat(HTTP
				.send(request(app).header("X-SSL-Client-Cert", "not-a-certificate")
					.header("X-SSL-Client-Verify", "SUCCESS")
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(401);
			assertThat(HTTP
				.send(request(app).header("X-SSL-Client-Cert", escaped(pki.untrustedClient()))
					.header("X-SSL-Client-Verify", "SUCCESS")
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(401);
			assertThat(refusals(app, "proxy-not-verified")).isEqualTo(1);
			assertThat(refusals(app, "malformed-header")).isEqualTo(1);
			assertThat(refusals(app, "not-trusted")).isEqualTo(1);
		}
	}

	private static double refusals(ConfigurableApplicationContext app, String reason) {
		return app.getBean(MeterRegistry.class)
			.get("mtls.authentications")
			.tag("outcome", "failure")
			.tag("reason", reason)
			.counter()
			.count();
	}

	@Test
	void forwardedForHeadersNeverMakeAPeerTrusted() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.proxy.trusted-proxies=10.1.2.3/32",
				"server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=.*")) {
			HttpRequest request = request(app).header("X-SSL-Client-Cert", escaped(pki.client()))
				.header("X-Forwarded-For", "10.1.2.3")
				.build();
			assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		}
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.proxy.trusted-proxies=10.1.2.3/32",
				"server.forward-headers-strategy=framework")) {
			HttpRequest request = request(app).header("X-SSL-Client-Cert", escaped(pki.client()))
				.header("X-Forwarded-For", "10.1.2.3")
				.header("Forwarded", "for=10.1.2.3")
				.build();
			assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		}
	}

	@Test
	void malformedDuplicatedOversizedOrUntrustedForwardedCertificatesGet401() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.proxy.trusted-proxies=127.0.0.1,::1",
				"mtls.proxy.max-header-size=4KB")) {
			assertProblem(get(app, "X-SSL-Client-Cert", "%%%not-a-cert"), "invalid percent-encoding");
			String pem = escaped(pki.client());
			// Truncated before encoding, so the cut never falls inside a %XX escape.
			String plain = pki.client().certificatePem();
			assertProblem(get(app, "X-SSL-Client-Cert",
					ForwardedCertificateFormatTests.urlEncode(plain.substring(0, plain.length() / 2))), "PEM");
			assertProblem(
					HTTP.send(request(app).header("X-SSL-Client-Cert", pem).header("X-SSL-Client-Cert", pem).build(),
							HttpResponse.BodyHandlers.ofString()),
					"more than once");
			assertProblem(get(app, "X-SSL-Client-Cert", "A".repeat(5000)), "max-header-size");
			assertProblem(get(app, "X-SSL-Client-Cert", escaped(pki.untrustedClient())), "not trusted");
		}
	}

	@Test
	void forwardedCertificatesObeyTheSameEndEntityPolicyAsDirectOnes() throws Exception {
		TestPki pki = new TestPki(this.directory);
		IssuedCertificate serverOnly = CertificateBuilder.endEntity("CN=server-only")
			.serverAuth()
			.issuedBy(pki.ca())
			.issue();
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.proxy.trusted-proxies=127.0.0.1,::1")) {
			HttpResponse<String> response = get(app, "X-SSL-Client-Cert", escaped(serverOnly));
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
				.isEqualTo("Client certificate not accepted: extended key usage does not include clientAuth");
		}
	}

	@Test
	void proxyVerdictHeaderMustSaySuccess() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.proxy.trusted-proxies=127.0.0.1,::1",
				"mtls.proxy.verify-header=X-SSL-Client-Verify")) {
			String pem = escaped(pki.client());
			HttpResponse<String> verified = HTTP.send(
					request(app).header("X-SSL-Client-Cert", pem).header("X-SSL-Client-Verify", "SUCCESS").build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(verified.statusCode()).isEqualTo(200);
			HttpResponse<String> failed = HTTP.send(request(app).header("X-SSL-Client-Cert", pem)
				.header("X-SSL-Client-Verify", "FAILED:certificate has expired")
				.build(), HttpResponse.BodyHandlers.ofString());
			assertProblem(failed, "did not report a verified certificate");
			assertProblem(get(app, "X-SSL-Client-Cert", pem), "did not report a verified certificate");
		}
	}

	@Test
	void withoutProxySupportForwardedHeadersAreIgnored() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = TestServerApplication.runSecured(this.stack, sources(this.stack),
				"mtls.server.enabled=false", "mtls.server.truststore.certificate=" + pki.location("ca.crt"))) {
			assertThat(get(app, "X-SSL-Client-Cert", escaped(pki.client())).statusCode()).isEqualTo(401);
		}
	}

	@Test
	void xfccFormatWithDefaultHeader() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.proxy.trusted-proxies=127.0.0.1,::1",
				"mtls.proxy.format=xfcc")) {
			String xfcc = "Hash=" + pki.client().fingerprint() + ";Cert=\"" + escaped(pki.client())
					+ "\";Subject=\"CN=admin\"";
			HttpResponse<String> response = get(app, "X-Forwarded-Client-Cert", xfcc);
			assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo("alice");
		}
	}

	private static void assertProblem(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(JsonPath.parse(response.body()).read("$.detail", String.class)).contains(reason);
	}

	static ConfigurableApplicationContext start(TestPki pki, String... properties) {
		return start(WebStack.SERVLET, pki, properties);
	}

	static ConfigurableApplicationContext start(WebStack stack, TestPki pki, String... properties) {
		String[] all = Stream
			.concat(Stream.of("mtls.server.enabled=false", "mtls.proxy.enabled=true",
					"mtls.server.truststore.certificate=" + pki.location("ca.crt")), Stream.of(properties))
			.toArray(String[]::new);
		return TestServerApplication.runSecured(stack, sources(stack), all);
	}

	static Class<?>[] sources(WebStack stack) {
		return (stack == WebStack.SERVLET) ? ProxyTestApplication.SOURCES : ReactiveProxyTestApplication.SOURCES;
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext app, String header, String value)
			throws Exception {
		return HTTP.send(request(app).header(header, value).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(ConfigurableApplicationContext app, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestServerApplication.serverPort(app) + path));
	}

	private static HttpRequest.Builder request(ConfigurableApplicationContext app) {
		return HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + TestServerApplication.serverPort(app) + "/api/whoami"));
	}

	static String escaped(IssuedCertificate certificate) {
		return ForwardedCertificateFormatTests.urlEncode(certificate.certificatePem());
	}

}
