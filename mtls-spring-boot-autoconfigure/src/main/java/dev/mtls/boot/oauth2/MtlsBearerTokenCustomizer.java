package dev.mtls.boot.oauth2;

import dev.mtls.boot.auth.MtlsAuthProperties;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Adds {@link MtlsBearerTokenConfigurer} to every {@link HttpSecurity}, beside the
 * starter's certificate authentication.
 */
public class MtlsBearerTokenCustomizer implements Customizer<HttpSecurity> {

	private final BearerTokenPaths paths;

	public MtlsBearerTokenCustomizer(MtlsAuthProperties properties, PathPatternRequestMatcher.Builder matchers) {
		this.paths = new BearerTokenPaths(properties, matchers);
	}

	@Override
	public void customize(HttpSecurity http) {
		http.with(new MtlsBearerTokenConfigurer(this.paths), Customizer.withDefaults());
	}

}
