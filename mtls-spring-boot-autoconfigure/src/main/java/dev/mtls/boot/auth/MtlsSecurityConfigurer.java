package dev.mtls.boot.auth;

import java.util.List;

import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Applies certificate authentication to an {@link HttpSecurity}: Spring Security's
 * {@code x509()} with this starter's principal extraction, policy and roles, problem
 * responses for 401/403, and the per-path policy. The starter applies it to every filter
 * chain; a chain opts out with {@link #optOut(HttpSecurity)}.
 */
public final class MtlsSecurityConfigurer extends AbstractHttpConfigurer<MtlsSecurityConfigurer, HttpSecurity> {

	private final X509PrincipalExtractor principalExtractor;

	private final CertificateUserDetailsService userDetailsService;

	private final CertificateAuthenticationEntryPoint entryPoint;

	private final CertificateAccessDeniedHandler accessDeniedHandler;

	private final List<MtlsAuthProperties.PathPolicy> pathPolicies;

	private final PathPatternRequestMatcher.Builder matchers;

	private final CertificateAuthenticationFilter authenticationFilter;

	MtlsSecurityConfigurer(X509PrincipalExtractor principalExtractor, CertificateUserDetailsService userDetailsService,
			CertificateAuthenticationEntryPoint entryPoint, CertificateAccessDeniedHandler accessDeniedHandler,
			List<MtlsAuthProperties.PathPolicy> pathPolicies, PathPatternRequestMatcher.Builder matchers) {
		this.principalExtractor = new RejectionCapturingPrincipalExtractor(principalExtractor);
		this.userDetailsService = userDetailsService;
		this.entryPoint = entryPoint;
		this.accessDeniedHandler = accessDeniedHandler;
		this.pathPolicies = List.copyOf(pathPolicies);
		this.matchers = matchers;
		this.authenticationFilter = new CertificateAuthenticationFilter(this.principalExtractor);
	}

	/**
	 * Keep this starter's certificate authentication off a filter chain, e.g. one for a
	 * browser login. Call it in the chain's own configuration.
	 * @param http the chain's builder
	 */
	public static void optOut(HttpSecurity http) {
		http.removeConfigurer(MtlsSecurityConfigurer.class);
	}

	@Override
	public void init(HttpSecurity http) {
		http.x509((x509) -> x509.x509PrincipalExtractor(this.principalExtractor)
			.authenticationUserDetailsService(this.userDetailsService)
			.authenticationDetailsSource(CertificateAuthenticationDetails::new)
			.x509AuthenticationFilter(this.authenticationFilter));
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(this.entryPoint)
			.accessDeniedHandler(this.accessDeniedHandler));
	}

	@Override
	public void configure(HttpSecurity http) {
		completeAuthenticationFilter(http);
		http.addFilterBefore(new CertificatePathPolicyFilter(this.pathPolicies, this.matchers),
				AuthorizationFilter.class);
	}

	/**
	 * {@code http.x509()} leaves a filter it did not create as it is: give ours what the
	 * stock filter would get.
	 */
	private void completeAuthenticationFilter(HttpSecurity http) {
		CertificateAuthenticationFilter filter = this.authenticationFilter;
		filter.setAuthenticationManager(http.getSharedObject(AuthenticationManager.class));
		filter.setAuthenticationDetailsSource(CertificateAuthenticationDetails::new);
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		if (context != null) {
			filter.setApplicationEventPublisher(context);
			filter.setSecurityContextHolderStrategy(context.getBeanProvider(SecurityContextHolderStrategy.class)
				.getIfUnique(SecurityContextHolder::getContextHolderStrategy));
		}
	}

}
