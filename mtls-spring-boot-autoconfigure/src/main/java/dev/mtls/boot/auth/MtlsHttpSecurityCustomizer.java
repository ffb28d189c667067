package dev.mtls.boot.auth;

import java.util.List;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Adds {@link MtlsSecurityConfigurer} to every {@link HttpSecurity}: Spring Security
 * applies {@code Customizer<HttpSecurity>} beans to each chain it builds, the user's own
 * included.
 */
public class MtlsHttpSecurityCustomizer implements Customizer<HttpSecurity> {

	private final X509PrincipalExtractor principalExtractor;

	private final CertificateUserDetailsService userDetailsService;

	private final CertificateAuthenticationEntryPoint entryPoint;

	private final CertificateAccessDeniedHandler accessDeniedHandler;

	private final List<MtlsAuthProperties.PathPolicy> pathPolicies;

	private final PathPatternRequestMatcher.Builder matchers;

	public MtlsHttpSecurityCustomizer(X509PrincipalExtractor principalExtractor,
			CertificateUserDetailsService userDetailsService, CertificateAuthenticationEntryPoint entryPoint,
			CertificateAccessDeniedHandler accessDeniedHandler, List<MtlsAuthProperties.PathPolicy> pathPolicies,
			PathPatternRequestMatcher.Builder matchers) {
		this.principalExtractor = principalExtractor;
		this.userDetailsService = userDetailsService;
		this.entryPoint = entryPoint;
		this.accessDeniedHandler = accessDeniedHandler;
		this.pathPolicies = pathPolicies;
		this.matchers = matchers;
	}

	@Override
	public void customize(HttpSecurity http) {
		http.with(new MtlsSecurityConfigurer(this.principalExtractor, this.userDetailsService, this.entryPoint,
				this.accessDeniedHandler, this.pathPolicies, this.matchers), Customizer.withDefaults());
	}

}
