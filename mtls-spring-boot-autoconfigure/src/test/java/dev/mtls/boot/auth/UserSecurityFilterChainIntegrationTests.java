package dev.mtls.boot.auth;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.IssuedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate authentication applies to filter chains the application defines itself, and
 * a chain can opt out with {@link MtlsSecurityConfigurer#optOut(HttpSecurity)}.
 */
class UserSecurityFilterChainIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void certificateAuthenticationAppliesToTheApplicationsOwnFilterChain() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.directory, "mtls.auth.default-roles=USER",
				"spring.main.sources=" + UserChainConfiguration.class.getName())) {
			IssuedCertificate alice = app.client("CN=alice").issue();
			HttpResponse<String> response = app.get(alice, "/api/whoami");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo("alice");
			assertThat(JsonPath.parse(response.body()).read("$.roles[*]", java.util.List.class))
				.containsExactly("USER");
			assertThat(app.get(alice, "/public/info").body()).isEqualTo("info for alice");
		}
	}

	@Test
	void applicationsOwnFilterChainAnswers401ProblemWithoutCertificate() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.directory,
				"spring.main.sources=" + UserChainConfiguration.class.getName())) {
			HttpResponse<String> response = app.get(null, "/api/whoami");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
				.isEqualTo("A valid client certificate is required.");
			HttpResponse<String> publicInfo = app.get(null, "/public/info");
			assertThat(publicInfo.statusCode()).isEqualTo(200);
			assertThat(publicInfo.body()).isEqualTo("info for anonymous");
		}
	}

	@Test
	void applicationsOwnFilterChainRefusesUnacceptableCertificateWith401() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.directory,
				"spring.main.sources=" + UserChainConfiguration.class.getName())) {
			PrincipalSourceIntegrationTests.assertRefused(app.get(app.client("CN=a,CN=b").issue(), "/api/whoami"),
					"ambiguous");
		}
	}

	@Test
	void refusedCertificateGets401EvenOnPathsTheApplicationPermits() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.directory,
				"spring.main.sources=" + UserChainConfiguration.class.getName())) {
			PrincipalSourceIntegrationTests.assertRefused(app.get(app.client("CN=a,CN=b").issue(), "/public/info"),
					"ambiguous");
		}
	}

	@Test
	void chainThatOptsOutPermittingAllSeesNoCertificatePrincipal() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.directory, "spring.main.sources="
				+ UserChainConfiguration.class.getName() + "," + OptedOutPermitAllConfiguration.class.getName())) {
			IssuedCertificate alice = app.client("CN=alice").issue();
			assertThat(app.get(alice, "/other/caller").body()).isEqualTo("anonymous");
			// The application's other chain still authenticates the same certificate.
			assertThat(app.get(alice, "/public/info").body()).isEqualTo("info for alice");
		}
	}

	@Test
	void chainThatOptsOutWithHttpBasicDoesNotAcceptCertificates() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.directory, "spring.main.sources="
				+ UserChainConfiguration.class.getName() + "," + OptedOutBasicConfiguration.class.getName())) {
			IssuedCertificate alice = app.client("CN=alice").issue();
			HttpResponse<String> response = app.get(alice, "/other/caller");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
			assertThat(app.get(alice, "/api/whoami").statusCode()).isEqualTo(200);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChainConfiguration {

		@Bean
		SecurityFilterChain applicationSecurityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/public/**").permitAll().anyRequest().authenticated());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OptedOutPermitAllConfiguration {

		@Bean
		@Order(1)
		SecurityFilterChain otherSecurityFilterChain(HttpSecurity http) {
			MtlsSecurityConfigurer.optOut(http);
			http.securityMatcher("/other/**").authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}

		@Bean
		OtherController otherController() {
			return new OtherController();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OptedOutBasicConfiguration {

		@Bean
		@Order(1)
		SecurityFilterChain otherSecurityFilterChain(HttpSecurity http) {
			MtlsSecurityConfigurer.optOut(http);
			http.securityMatcher("/other/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		OtherController otherController() {
			return new OtherController();
		}

	}

	@RestController
	static class OtherController {

		@GetMapping("/other/caller")
		String caller(Authentication authentication) {
			return (authentication != null && authentication.getPrincipal() instanceof CertificatePrincipal principal)
					? principal.getName() : "anonymous";
		}

	}

}
