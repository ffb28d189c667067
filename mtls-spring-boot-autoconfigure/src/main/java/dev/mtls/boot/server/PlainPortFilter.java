package dev.mtls.boot.server;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 404 on the plain port for every path not in
 * {@code mtls.server.plain-port-paths}, before any other filter or controller sees the
 * request, so that nothing meant for certificate holders is served over plain HTTP.
 */
class PlainPortFilter extends OncePerRequestFilter {

	private final PlainPortPaths paths;

	PlainPortFilter(PlainPortPaths paths) {
		this.paths = paths;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = RequestPath.parse(request.getRequestURI(), request.getContextPath())
			.pathWithinApplication()
			.value();
		if (this.paths.refuses(request.getLocalPort(), path)) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		chain.doFilter(request, response);
	}

}
