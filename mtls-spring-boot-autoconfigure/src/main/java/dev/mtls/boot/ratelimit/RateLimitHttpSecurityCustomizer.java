package dev.mtls.boot.ratelimit;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Adds {@link RateLimitFilter} to every security filter chain, after every authentication
 * filter (certificate and bearer token) and before anonymous authentication, so that it
 * sees who called.
 */
public class RateLimitHttpSecurityCustomizer implements Customizer<HttpSecurity> {

	private final RateLimitFilter filter;

	RateLimitHttpSecurityCustomizer(RateLimitFilter filter) {
		this.filter = filter;
	}

	@Override
	public void customize(HttpSecurity http) {
		http.addFilterBefore(this.filter, AnonymousAuthenticationFilter.class);
	}

}
