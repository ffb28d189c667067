package dev.mtls.boot.auth;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * Adds cross-origin protection to an {@link HttpSecurity}: unsafe requests that browsers
 * mark as cross-origin are refused with 403 where Spring Security's CSRF filter would
 * run, before authentication. The starter applies it to every filter chain, in place of
 * session-token CSRF protection; a chain opts out with {@link #optOut(HttpSecurity)}.
 */
public final class CrossOriginProtectionConfigurer
		extends AbstractHttpConfigurer<CrossOriginProtectionConfigurer, HttpSecurity> {

	private final CrossOriginRequestPolicy policy;

	CrossOriginProtectionConfigurer(CrossOriginRequestPolicy policy) {
		this.policy = policy;
	}

	/**
	 * Keep this starter's cross-origin protection off a filter chain. To have Spring
	 * Security's session-token CSRF protection in a chain instead, call
	 * {@code http.csrf(Customizer.withDefaults())} in it.
	 * @param http the chain's builder
	 */
	public static void optOut(HttpSecurity http) {
		http.removeConfigurer(CrossOriginProtectionConfigurer.class);
	}

	@Override
	public void configure(HttpSecurity http) {
		http.addFilterBefore(new CrossOriginProtectionFilter(this.policy), CsrfFilter.class);
	}

}
