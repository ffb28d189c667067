package dev.mtls.boot.oauth2;

import dev.mtls.boot.auth.BearerTokenRequirement;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Reads the bearer token (RFC 6750, {@code Authorization} header) only where a path asks
 * for one: on certificate-only paths a token is not read, so that those paths behave
 * exactly as without OAuth2 and pay nothing for it.
 */
final class PathBearerTokenResolver implements BearerTokenResolver {

	private final BearerTokenPaths paths;

	private final BearerTokenResolver delegate = new DefaultBearerTokenResolver();

	PathBearerTokenResolver(BearerTokenPaths paths) {
		this.paths = paths;
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		return (this.paths.requirement(request) != BearerTokenRequirement.NONE) ? this.delegate.resolve(request) : null;
	}

}
