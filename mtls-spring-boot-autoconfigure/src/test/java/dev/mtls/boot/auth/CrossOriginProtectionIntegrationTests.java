package dev.mtls.boot.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-origin protection's properties, its reach into the application's own filter
 * chains, the ways to keep Spring Security's token CSRF, and the stateless default chain
 * on 401 answers. Over real TLS.
 */
class CrossOriginProtectionIntegrationTests {

	private static final String[] CROSS_SITE = { "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example" };

	@TempDir
	Path directory;

	@Test
	void trustedOriginsSameSiteAndExemptPathsAreProperties() throws Exception {
		try (App app = App.start(this.directory, WriteApiTestApplication.SOURCES,
				"mtls.auth.cross-origin.trusted-origins=https://app.example.com",
				"mtls.auth.cross-origin.allow-same-site=true", "mtls.auth.cross-origin.exempt-paths=/orders/9")) {
			assertThat(
					app.send("DELETE", "/orders/1", "Sec-Fetch-Site", "cross-site", "Origin", "https://app.example.com")
						.statusCode())
				.isEqualTo(204);
			assertThat(app.send("DELETE", "/orders/1", "Origin", "https://app.example.com").statusCode())
				.isEqualTo(204);
			assertThat(app.send("DELETE", "/orders/1", "Sec-Fetch-Site", "same-site", "Origin", "https://www.localhost")
				.statusCode()).isEqualTo(204);
			assertThat(app.send("DELETE", "/orders/9", CROSS_SITE).statusCode()).isEqualTo(204);
			assertThat(app.send("DELETE", "/orders/1", CROSS_SITE).statusCode()).isEqualTo(403);
		}
	}

	@Test
	void disablingKeepsSpringSecuritysTokenCsrfAndSaysSo() throws Exception {
		try (App app = App.start(this.directory, WriteApiTestApplication.SOURCES,
				"mtls.auth.cross-origin.enabled=false")) {
			HttpResponse<String> response = app.send("DELETE", "/orders/1");
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
				.isEqualTo(CertificateAccessDeniedHandler.CSRF_DETAIL);
		}
	}

	@Test
	void applicationsOwnChainsGetCrossOriginProtectionUnlessTheyChooseOtherwise() throws Exception {
		Class<?>[] sources = Stream.concat(Stream.of(WriteApiTestApplication.SOURCES), Stream.of(OwnChains.class))
			.toArray(Class<?>[]::new);
		try (App app = App.start(this.directory, sources)) {
			// The application's catch-all chain: protected, API clients served.
			assertThat(app.send("DELETE", "/orders/1").statusCode()).isEqualTo(204);
			HttpResponse<String> crossSite = app.send("DELETE", "/orders/1", CROSS_SITE);
			assertThat(crossSite.statusCode()).isEqualTo(403);
			assertThat(JsonPath.parse(crossSite.body()).read("$.detail", String.class))
				.startsWith("Cross-origin request refused");
			// A chain that asks for Spring's token CSRF gets it.
			HttpResponse<String> token = app.send("POST", "/token/echo");
			assertThat(token.statusCode()).isEqualTo(403);
			assertThat(JsonPath.parse(token.body()).read("$.detail", String.class))
				.isEqualTo(CertificateAccessDeniedHandler.CSRF_DETAIL);
			// A chain that opts out has neither.
			assertThat(app.send("POST", "/open/echo", CROSS_SITE).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void defaultChainCreatesNoSessionOnA401() throws Exception {
		try (App app = App.start(this.directory, WriteApiTestApplication.SOURCES, "mtls.server.client-auth=want")) {
			for (String method : new String[] { "GET", "POST", "DELETE" }) {
				HttpResponse<String> response = app.send((IssuedCertificate) null, method, "/orders");
				assertThat(response.statusCode()).as(method).isEqualTo(401);
				WriteApiIntegrationTests.assertNoSessionCookie(response);
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChains {

		@Bean
		@Order(1)
		SecurityFilterChain tokenCsrfChain(HttpSecurity http) {
			http.securityMatcher("/token/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.csrf(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		@Order(2)
		SecurityFilterChain unprotectedChain(HttpSecurity http) {
			CrossOriginProtectionConfigurer.optOut(http);
			http.securityMatcher("/open/**").authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			return http.build();
		}

		@Bean
		@Order(3)
		SecurityFilterChain applicationChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			return http.build();
		}

		@Bean
		EchoController echoController() {
			return new EchoController();
		}

	}

	@RestController
	static class EchoController {

		@PostMapping({ "/token/echo", "/open/echo" })
		String echo() {
			return "echo";
		}

	}

	private record App(TestPki pki, ConfigurableApplicationContext context,
			IssuedCertificate admin) implements AutoCloseable {

		static App start(Path directory, Class<?>[] sources, String... properties) {
			TestPki pki = new TestPki(directory);
			String[] all = Stream
				.concat(Stream.of(pki.pemServerProperties()),
						Stream.concat(Stream.of("mtls.auth.roles.admin-client=ADMIN"), Stream.of(properties)))
				.toArray(String[]::new);
			return new App(pki, TestServerApplication.runSecured(sources, all),
					CertificateBuilder.endEntity("CN=admin-client").clientAuth().issuedBy(pki.ca()).issue());
		}

		HttpResponse<String> send(String method, String path, String... headers) throws Exception {
			return send(this.admin, method, path, headers);
		}

		HttpResponse<String> send(IssuedCertificate identity, String method, String path, String... headers)
				throws Exception {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("https://localhost:" + TestServerApplication.mtlsPort(this.context) + path))
				.timeout(Duration.ofSeconds(20))
				.method(method, HttpRequest.BodyPublishers.noBody());
			for (int i = 0; i < headers.length; i += 2) {
				request.header(headers[i], headers[i + 1]);
			}
			return MtlsClient.of(identity, this.pki.ca()).send(request.build());
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
