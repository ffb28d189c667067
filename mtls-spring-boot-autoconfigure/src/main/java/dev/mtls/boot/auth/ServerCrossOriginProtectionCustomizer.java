package dev.mtls.boot.auth;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * Reactive counterpart of {@link CrossOriginProtectionCustomizer}: replaces Spring
 * Security's session-token CSRF protection with cross-origin protection in every
 * {@link ServerHttpSecurity}. A chain that calls {@code http.csrf(...)} itself gets
 * Spring's token CSRF back; {@link #optOut(ServerHttpSecurity)} switches the cross-origin
 * check off.
 */
public class ServerCrossOriginProtectionCustomizer implements Customizer<ServerHttpSecurity> {

	private final CrossOriginRequestPolicy policy;

	ServerCrossOriginProtectionCustomizer(CrossOriginRequestPolicy policy) {
		this.policy = policy;
	}

	/**
	 * Keep this starter's cross-origin protection off a chain.
	 * @param http the chain's builder
	 */
	public static void optOut(ServerHttpSecurity http) {
		ServerOptOut.optOut(http, ServerCrossOriginProtectionCustomizer.class);
	}

	@Override
	public void customize(ServerHttpSecurity http) {
		// A session token cannot be carried by certificate-authenticated API clients;
		// browsers are kept in check by the headers they send instead.
		http.csrf(ServerHttpSecurity.CsrfSpec::disable);
		http.addFilterAt(ServerOptOut.guard(http, ServerCrossOriginProtectionCustomizer.class,
				new ServerCrossOriginProtectionFilter(this.policy)), SecurityWebFiltersOrder.CSRF);
	}

}
