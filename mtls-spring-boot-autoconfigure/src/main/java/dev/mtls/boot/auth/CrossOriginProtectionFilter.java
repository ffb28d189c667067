package dev.mtls.boot.auth;

import java.io.IOException;

import dev.mtls.boot.pki.ControlCharacters;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Servlet adapter of {@link CrossOriginRequestPolicy}: refuses a cross-origin browser
 * request with 403 and a problem body that names the cross-origin cause, before any
 * authentication work.
 */
final class CrossOriginProtectionFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(CrossOriginProtectionFilter.class);

	private final CrossOriginRequestPolicy policy;

	CrossOriginProtectionFilter(CrossOriginRequestPolicy policy) {
		this.policy = policy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// Most requests are safe: decide without reading a header.
		if (CrossOriginRequestPolicy.isSafe(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		String origin = request.getHeader("Origin");
		CrossOriginRequestPolicy.Verdict verdict = this.policy.decide(request.getMethod(),
				request.getHeader("Sec-Fetch-Site"), origin, requestOrigin(request), path(request));
		if (verdict.isAllowed()) {
			chain.doFilter(request, response);
			return;
		}
		if (logger.isInfoEnabled()) {
			logger.info(ControlCharacters.escape("Refused cross-origin " + request.getMethod() + " "
					+ request.getRequestURI() + " (" + verdict.reason() + ", Origin: " + origin + ") from "
					+ request.getRemoteAddr()
					+ "; to admit a browser application, add its origin to mtls.auth.cross-origin.trusted-origins"));
		}
		ProblemDetailsWriter.write(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
				"Cross-origin request refused: " + verdict.reason() + ".");
	}

	private static String requestOrigin(HttpServletRequest request) {
		return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
	}

	/**
	 * The decoded and normalised path within the application, as the servlet container
	 * maps it: no spelling of a path escapes its exemption or gains one.
	 */
	private static String path(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		return (pathInfo != null) ? request.getServletPath() + pathInfo : request.getServletPath();
	}

}
