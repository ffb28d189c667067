package dev.mtls.boot.auth;

import java.util.List;

import dev.mtls.boot.pki.MtlsMaterialException;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ConditionalOnDefaultReactiveWebSecurity;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.WebFilter;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for X.509 client certificate authentication on Spring WebFlux: the
 * reactive counterpart of {@link MtlsSecurityAutoConfiguration}, with the same
 * properties, decisions and answers, applied to every {@link ServerHttpSecurity} through
 * a {@code Customizer<ServerHttpSecurity>}, and a stateless default chain that requires a
 * certificate when the application defines none.
 */
@AutoConfiguration(
		before = { ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class },
		beforeName = "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ ServerHttpSecurity.class, AuthenticationWebFilter.class, WebFilter.class,
		ReactiveWebSecurityAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "mtls.auth.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MtlsAuthProperties.class)
@Import(CertificateAuthenticationConfiguration.class)
public final class MtlsReactiveSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServerCertificateAuthenticationEntryPoint serverCertificateAuthenticationEntryPoint() {
		return new ServerCertificateAuthenticationEntryPoint();
	}

	@Bean
	@ConditionalOnMissingBean
	ServerCertificateAccessDeniedHandler serverCertificateAccessDeniedHandler() {
		return new ServerCertificateAccessDeniedHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	MtlsServerHttpSecurityCustomizer mtlsServerHttpSecurityCustomizer(X509PrincipalExtractor principalExtractor,
			CertificateUserDetailsService userDetailsService, ServerCertificateAuthenticationEntryPoint entryPoint,
			ServerCertificateAccessDeniedHandler accessDeniedHandler, MtlsAuthProperties properties,
			ObjectProvider<RequestMappingHandlerMapping> handlerMappings,
			ObjectProvider<AuthenticationEventPublisher> eventPublisher) {
		AuthPropertiesAudit.checkNoBearerTokensOnWebFlux(properties);
		return new MtlsServerHttpSecurityCustomizer(principalExtractor, userDetailsService, entryPoint,
				accessDeniedHandler, properties.getPaths(), handlerMappings, eventPublisher.getIfAvailable());
	}

	/**
	 * Keeps Boot's generated in-memory user, and its logged password, away from an
	 * application that authenticates with certificates. Backs off as soon as the
	 * application defines its own authentication.
	 */
	@Bean
	@ConditionalOnMissingBean({ ReactiveAuthenticationManager.class, ReactiveUserDetailsService.class,
			ReactiveAuthenticationManagerResolver.class })
	ReactiveUserDetailsService mtlsNoPasswordUsers() {
		return new NoPasswordUsers();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultReactiveWebSecurity
	static class DefaultSecurityWebFilterChainConfiguration {

		/**
		 * Every request needs an accepted certificate, except on paths configured as
		 * optional; no form login, no HTTP basic, no session.
		 */
		@Bean
		SecurityWebFilterChain mtlsSecurityWebFilterChain(ServerHttpSecurity http, MtlsAuthProperties properties) {
			List<String> optional = properties.getPaths()
				.stream()
				.filter((policy) -> !policy.isRequired() && policy.getPattern() != null)
				.map((policy) -> policy.getPattern().trim())
				.toList();
			http.authorizeExchange((exchanges) -> {
				optional.forEach((pattern) -> exchanges.matchers(new PathPatternParserServerWebExchangeMatcher(pattern))
					.permitAll());
				ServerActuatorAccess.restrict(exchanges, properties.getActuatorRoles());
				exchanges.anyExchange().authenticated();
			});
			// Every request carries its certificate: no session, and no saved request on
			// a 401.
			http.securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
			http.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "mtls.auth.cross-origin.enabled", matchIfMissing = true)
	static class CrossOriginProtectionConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ServerCrossOriginProtectionCustomizer serverCrossOriginProtectionCustomizer(MtlsAuthProperties properties) {
			MtlsAuthProperties.CrossOrigin crossOrigin = properties.getCrossOrigin();
			try {
				return new ServerCrossOriginProtectionCustomizer(new CrossOriginRequestPolicy(
						crossOrigin.getTrustedOrigins(), crossOrigin.isAllowSameSite(), crossOrigin.getExemptPaths()));
			}
			catch (IllegalArgumentException ex) {
				throw new MtlsMaterialException("mtls.auth.cross-origin", String.valueOf(ex.getMessage()),
						"Write trusted origins as scheme://host[:port] without a path (https://app.example.com) "
								+ "and exempt paths as path patterns (/webhooks/**).",
						ex);
			}
		}

	}

	/**
	 * A user store without users: password logins find nobody.
	 */
	static final class NoPasswordUsers implements ReactiveUserDetailsService {

		@Override
		public Mono<UserDetails> findByUsername(String username) {
			return Mono.empty();
		}

	}

}
