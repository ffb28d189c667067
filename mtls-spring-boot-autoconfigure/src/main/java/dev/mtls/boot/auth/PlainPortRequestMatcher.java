package dev.mtls.boot.auth;

import dev.mtls.boot.server.PlainPortPaths;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.RequestPath;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches requests on the plain port for a path of {@code mtls.server.plain-port-paths},
 * which the default filter chain serves without a client certificate.
 */
final class PlainPortRequestMatcher implements RequestMatcher {

	private final PlainPortPaths paths;

	PlainPortRequestMatcher(PlainPortPaths paths) {
		this.paths = paths;
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		return this.paths.permits(request.getLocalPort(),
				RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication().value());
	}

}
