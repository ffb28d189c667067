package dev.mtls.boot.auth;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of the reactive certificate authentication: on for WebFlux applications
 * only, off by property, and backing off from the application's own chain and users.
 */
class MtlsReactiveSecurityAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MtlsReactiveSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
						ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class));

	@Test
	void contributesToEveryChainAndDefinesAStatelessDefaultChainWithoutGeneratedUser() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MtlsServerHttpSecurityCustomizer.class)
				.hasSingleBean(ServerCrossOriginProtectionCustomizer.class)
				.hasSingleBean(CertificateUserDetailsService.class)
				.hasBean("mtlsSecurityWebFilterChain")
				.doesNotHaveBean(MtlsHttpSecurityCustomizer.class);
			assertThat(context.getBean(ReactiveUserDetailsService.class).findByUsername("user").blockOptional())
				.isEmpty();
		});
	}

	@Test
	void servletApplicationsGetNoReactiveBeans() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MtlsReactiveSecurityAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MtlsServerHttpSecurityCustomizer.class)
				.doesNotHaveBean(CertificateUserDetailsService.class));
	}

	@Test
	void disabledByProperty() {
		this.runner.withPropertyValues("mtls.auth.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MtlsServerHttpSecurityCustomizer.class)
				.doesNotHaveBean("mtlsSecurityWebFilterChain"));
	}

	@Test
	void backsOffFromTheApplicationsChainAndUsers() {
		this.runner.withUserConfiguration(OwnChainAndUsers.class).run((context) -> {
			assertThat(context).doesNotHaveBean("mtlsSecurityWebFilterChain")
				.hasSingleBean(SecurityWebFilterChain.class)
				.hasSingleBean(MtlsServerHttpSecurityCustomizer.class)
				.hasSingleBean(ReactiveUserDetailsService.class);
			assertThat(context.getBean(ReactiveUserDetailsService.class))
				.isInstanceOf(MapReactiveUserDetailsService.class);
		});
	}

	@Test
	void bearerTokensStopStartupOnWebFluxInsteadOfBeingIgnored() {
		this.runner.withPropertyValues("mtls.auth.paths[0].pattern=/api/**", "mtls.auth.paths[0].bearer-token=required")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mtls.auth.paths[0].bearer-token")
				.hasMessageContaining("Spring MVC only"));
		this.runner.withPropertyValues("mtls.auth.bearer-token=certificate-bound")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mtls.auth.bearer-token"));
	}

	@Test
	void pathPolicyWithoutPatternStopsStartup() {
		this.runner.withPropertyValues("mtls.auth.paths[0].required=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mtls.auth.paths[0].pattern: a path policy has no pattern"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChainAndUsers {

		@Bean
		SecurityWebFilterChain own(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated()).build();
		}

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(
					User.withUsername("admin").password("{noop}secret").roles("ADMIN").build());
		}

	}

}
