package dev.mtls.boot.auth;

import java.util.List;

import dev.mtls.boot.pki.MtlsMaterialException;
import dev.mtls.boot.server.MtlsServerAutoConfiguration;
import dev.mtls.boot.server.PlainPortPaths;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.Pointcuts;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultServletWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authorization.method.AuthorizationInterceptorsOrder;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.preauth.x509.X509AuthenticationFilter;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for X.509 client certificate authentication with Spring Security:
 * applied to every filter chain through a {@code Customizer<HttpSecurity>}, as is
 * cross-origin protection in place of session-token CSRF protection, with a stateless
 * default chain that requires a certificate when the application defines none.
 */
@AutoConfiguration(after = MtlsServerAutoConfiguration.class,
		before = { ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class },
		beforeName = {
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
				// Their default chains (bearer tokens only, OAuth2 login) back off for
				// ours.
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, X509AuthenticationFilter.class, ServletWebSecurityAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "mtls.auth.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MtlsAuthProperties.class)
@Import(CertificateAuthenticationConfiguration.class)
public final class MtlsSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CertificateAuthenticationEntryPoint certificateAuthenticationEntryPoint() {
		return new CertificateAuthenticationEntryPoint();
	}

	@Bean
	@ConditionalOnMissingBean
	CertificateAccessDeniedHandler certificateAccessDeniedHandler() {
		return new CertificateAccessDeniedHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	MtlsHttpSecurityCustomizer mtlsHttpSecurityCustomizer(X509PrincipalExtractor principalExtractor,
			CertificateUserDetailsService userDetailsService, CertificateAuthenticationEntryPoint entryPoint,
			CertificateAccessDeniedHandler accessDeniedHandler, MtlsAuthProperties properties,
			ObjectProvider<PathPatternRequestMatcher.Builder> matchers, Environment environment,
			ResourceLoader resourceLoader) {
		AuthPropertiesAudit.checkBearerTokens(properties, resourceLoader.getClassLoader());
		AuthPropertiesAudit.checkOptionalPathsReachable(properties.getPaths(), environment);
		return new MtlsHttpSecurityCustomizer(principalExtractor, userDetailsService, entryPoint, accessDeniedHandler,
				properties.getPaths(), matchers.getIfAvailable(PathPatternRequestMatcher::withDefaults));
	}

	/**
	 * Keeps Boot's generated in-memory user, and its logged password, away from an
	 * application that authenticates with certificates. Backs off as soon as the
	 * application defines its own authentication.
	 */
	@Bean
	@ConditionalOnMissingBean({ AuthenticationManager.class, AuthenticationProvider.class, UserDetailsService.class,
			AuthenticationManagerResolver.class })
	InMemoryUserDetailsManager mtlsNoPasswordUsers() {
		return new InMemoryUserDetailsManager();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultServletWebSecurity
	static class DefaultSecurityFilterChainConfiguration {

		/**
		 * Every request needs an accepted certificate, except on paths configured as
		 * optional and, with a dedicated mTLS port, the plain port's declared paths; no
		 * form login, no HTTP basic.
		 */
		@Bean
		@Order(SecurityFilterProperties.BASIC_AUTH_ORDER)
		SecurityFilterChain mtlsSecurityFilterChain(HttpSecurity http, MtlsAuthProperties properties,
				ObjectProvider<PathPatternRequestMatcher.Builder> matchers, ObjectProvider<PlainPortPaths> plainPort,
				Environment environment) {
			PathPatternRequestMatcher.Builder builder = matchers
				.getIfAvailable(PathPatternRequestMatcher::withDefaults);
			List<String> optional = properties.getPaths()
				.stream()
				.filter((policy) -> !policy.isRequired() && policy.getPattern() != null)
				.map((policy) -> policy.getPattern().trim())
				.toList();
			ActuatorAccess.checkOptionalPaths(properties.getPaths(), properties.getActuatorRoles(),
					environment.getProperty("management.endpoints.web.base-path", "/actuator"));
			http.authorizeHttpRequests((requests) -> {
				// mtls.server.plain-port-paths: served on the plain port without a
				// certificate.
				plainPort
					.ifAvailable((paths) -> requests.requestMatchers(new PlainPortRequestMatcher(paths)).permitAll());
				// The operator role wins over optional path policies such as /**.
				ActuatorAccess.restrict(requests, properties.getActuatorRoles());
				optional.forEach((pattern) -> requests.requestMatchers(builder.matcher(pattern)).permitAll());
				requests.anyRequest().authenticated();
			});
			stateless(http);
			return http.build();
		}

		/**
		 * Every request carries its certificate: no HTTP session, no JSESSIONID, and no
		 * saved request on a 401.
		 */
		private static void stateless(HttpSecurity http) {
			http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "mtls.auth.cross-origin.enabled", matchIfMissing = true)
	static class CrossOriginProtectionConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CrossOriginProtectionCustomizer crossOriginProtectionCustomizer(MtlsAuthProperties properties) {
			MtlsAuthProperties.CrossOrigin crossOrigin = properties.getCrossOrigin();
			try {
				return new CrossOriginProtectionCustomizer(new CrossOriginRequestPolicy(crossOrigin.getTrustedOrigins(),
						crossOrigin.isAllowSameSite(), crossOrigin.getExemptPaths()));
			}
			catch (IllegalArgumentException ex) {
				throw new MtlsMaterialException("mtls.auth.cross-origin", String.valueOf(ex.getMessage()),
						"Write trusted origins as scheme://host[:port] without a path (https://app.example.com) "
								+ "and exempt paths as path patterns (/webhooks/**).",
						ex);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AuthorizationManagerBeforeMethodInterceptor.class)
	static class RequireCertificateMethodSecurityConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static AuthorizationManagerBeforeMethodInterceptor requireCertificateMethodInterceptor() {
			Pointcut pointcut = Pointcuts.union(new AnnotationMatchingPointcut(RequireCertificate.class, true),
					AnnotationMatchingPointcut.forMethodAnnotation(RequireCertificate.class));
			AuthorizationManagerBeforeMethodInterceptor interceptor = new AuthorizationManagerBeforeMethodInterceptor(
					pointcut, new RequireCertificateAuthorizationManager());
			interceptor.setOrder(AuthorizationInterceptorsOrder.PRE_AUTHORIZE.getOrder() + 1);
			return interceptor;
		}

	}

}
