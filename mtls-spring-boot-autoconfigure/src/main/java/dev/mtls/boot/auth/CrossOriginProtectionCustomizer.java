package dev.mtls.boot.auth;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;

/**
 * Replaces Spring Security's session-token CSRF protection with
 * {@link CrossOriginProtectionConfigurer cross-origin protection} in every
 * {@link HttpSecurity}, the application's own chains included. Runs when the chain's
 * builder is created, so a chain that calls {@code http.csrf(...)} itself gets Spring's
 * token CSRF back.
 */
public class CrossOriginProtectionCustomizer implements Customizer<HttpSecurity> {

	private final CrossOriginRequestPolicy policy;

	CrossOriginProtectionCustomizer(CrossOriginRequestPolicy policy) {
		this.policy = policy;
	}

	@Override
	public void customize(HttpSecurity http) {
		// A session token cannot be carried by certificate-authenticated API clients;
		// browsers are kept in check by the headers they send instead.
		http.csrf(AbstractHttpConfigurer::disable);
		http.with(new CrossOriginProtectionConfigurer(this.policy), Customizer.withDefaults());
	}

}
