package dev.mtls.boot.auth;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.WebFilter;

/**
 * Reactive counterpart of {@link MtlsHttpSecurityCustomizer}: applies certificate
 * authentication to every {@link ServerHttpSecurity} (Spring Security applies
 * {@code Customizer<ServerHttpSecurity>} beans to each chain it builds, the user's own
 * included): the starter's principal extraction, policy and roles, problem responses for
 * 401/403, the per-path policies and {@link RequireCertificate}. A chain opts out with
 * {@link #optOut(ServerHttpSecurity)}.
 */
public class MtlsServerHttpSecurityCustomizer implements Customizer<ServerHttpSecurity> {

	private final X509PrincipalExtractor principalExtractor;

	private final CertificateUserDetailsService userDetailsService;

	private final ServerCertificateAuthenticationEntryPoint entryPoint;

	private final ServerCertificateAccessDeniedHandler accessDeniedHandler;

	private final List<MtlsAuthProperties.PathPolicy> pathPolicies;

	private final ObjectProvider<RequestMappingHandlerMapping> handlerMappings;

	private final @Nullable AuthenticationEventPublisher eventPublisher;

	MtlsServerHttpSecurityCustomizer(X509PrincipalExtractor principalExtractor,
			CertificateUserDetailsService userDetailsService, ServerCertificateAuthenticationEntryPoint entryPoint,
			ServerCertificateAccessDeniedHandler accessDeniedHandler, List<MtlsAuthProperties.PathPolicy> pathPolicies,
			ObjectProvider<RequestMappingHandlerMapping> handlerMappings,
			@Nullable AuthenticationEventPublisher eventPublisher) {
		this.principalExtractor = principalExtractor;
		this.userDetailsService = userDetailsService;
		this.entryPoint = entryPoint;
		this.accessDeniedHandler = accessDeniedHandler;
		this.pathPolicies = List.copyOf(pathPolicies);
		this.handlerMappings = handlerMappings;
		this.eventPublisher = eventPublisher;
		// Fail at startup, not on the first request, for a policy without a pattern.
		CertificatePathPolicy.of(this.pathPolicies);
	}

	/**
	 * Keep this starter's certificate authentication off a chain, e.g. one for a browser
	 * login. Call it in the chain's own configuration; set the chain's own
	 * {@code exceptionHandling} if it should not answer with problem details.
	 * @param http the chain's builder
	 */
	public static void optOut(ServerHttpSecurity http) {
		ServerOptOut.optOut(http, MtlsServerHttpSecurityCustomizer.class);
	}

	@Override
	public void customize(ServerHttpSecurity http) {
		AuthenticationWebFilter authentication = new AuthenticationWebFilter(
				new ServerCertificateAuthenticationManager(this.userDetailsService, this.eventPublisher));
		authentication
			.setServerAuthenticationConverter(new ServerCertificateAuthenticationConverter(this.principalExtractor));
		// A presented but refused certificate fails everywhere, also on paths the
		// application permits to anonymous callers, as on the servlet stack.
		authentication.setAuthenticationFailureHandler(
				(filterExchange, ex) -> this.entryPoint.refuse(filterExchange.getExchange(), ex));
		http.addFilterAt(guard(http, authentication), SecurityWebFiltersOrder.AUTHENTICATION);
		http.addFilterBefore(guard(http,
				new ServerCertificatePathPolicyFilter(this.pathPolicies, this.entryPoint, this.accessDeniedHandler)),
				SecurityWebFiltersOrder.AUTHORIZATION);
		http.addFilterAfter(guard(http,
				new ServerRequireCertificateFilter(this.handlerMappings, this.entryPoint, this.accessDeniedHandler)),
				SecurityWebFiltersOrder.AUTHORIZATION);
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(this.entryPoint)
			.accessDeniedHandler(this.accessDeniedHandler));
	}

	private static WebFilter guard(ServerHttpSecurity http, WebFilter filter) {
		return ServerOptOut.guard(http, MtlsServerHttpSecurityCustomizer.class, filter);
	}

}
