package dev.mtls.boot.auth;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.WebStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On WebFlux, certificate authentication applies to chains the application defines
 * itself, and a chain can opt out with
 * {@link MtlsServerHttpSecurityCustomizer#optOut(ServerHttpSecurity)}: the reactive
 * counterpart of {@link UserSecurityFilterChainIntegrationTests}.
 */
class ReactiveUserSecurityWebFilterChainIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void certificateAuthenticationAppliesToTheApplicationsOwnChain() throws Exception {
		try (AuthFixture app = start(UserChainConfiguration.class)) {
			IssuedCertificate alice = app.client("CN=alice").issue();
			HttpResponse<String> response = app.get(alice, "/api/whoami");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo("alice");
			assertThat(app.get(alice, "/public/info").body()).isEqualTo("info for alice");
		}
	}

	@Test
	void applicationsOwnChainAnswers401ProblemWithoutCertificateAndRefusesUnacceptableOnes() throws Exception {
		try (AuthFixture app = start(UserChainConfiguration.class)) {
			HttpResponse<String> response = app.get(null, "/api/whoami");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
				.isEqualTo("A valid client certificate is required.");
			assertThat(app.get(null, "/public/info").body()).isEqualTo("info for anonymous");
			PrincipalSourceIntegrationTests.assertRefused(app.get(app.client("CN=a,CN=b").issue(), "/public/info"),
					"ambiguous");
		}
	}

	@Test
	void chainThatOptsOutSeesNoCertificatePrincipal() throws Exception {
		try (AuthFixture app = start(UserChainConfiguration.class, OptedOutPermitAllConfiguration.class)) {
			IssuedCertificate alice = app.client("CN=alice").issue();
			assertThat(app.get(alice, "/other/caller").body()).isEqualTo("anonymous");
			// The application's other chain still authenticates the same certificate.
			assertThat(app.get(alice, "/public/info").body()).isEqualTo("info for alice");
		}
	}

	private AuthFixture start(Class<?>... configurations) {
		StringBuilder sources = new StringBuilder();
		for (Class<?> configuration : configurations) {
			sources.append((sources.length() > 0) ? "," : "").append(configuration.getName());
		}
		return AuthFixture.start(WebStack.REACTIVE, this.directory, "spring.main.sources=" + sources);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChainConfiguration {

		@Bean
		SecurityWebFilterChain applicationSecurityWebFilterChain(ServerHttpSecurity http) {
			http.authorizeExchange(
					(exchanges) -> exchanges.pathMatchers("/public/**").permitAll().anyExchange().authenticated());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OptedOutPermitAllConfiguration {

		@Bean
		@Order(1)
		SecurityWebFilterChain otherSecurityWebFilterChain(ServerHttpSecurity http) {
			MtlsServerHttpSecurityCustomizer.optOut(http);
			http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/other/**"))
				.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll());
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
		Mono<String> caller() {
			return ReactiveSecurityContextHolder.getContext()
				.mapNotNull((context) -> context.getAuthentication())
				.map((authentication) -> (authentication.getPrincipal() instanceof CertificatePrincipal principal)
						? principal.getName() : "anonymous")
				.defaultIfEmpty("anonymous");
		}

	}

}
