package dev.mtls.boot.auth;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Servlet adapter of {@link CertificatePathPolicy}: refuses requests whose client
 * certificate was refused, wherever they go, and enforces {@code mtls.auth.paths}: the
 * first policy whose pattern matches the request (Spring Security's normalised path
 * matching, never the raw URI) decides. Runs just before the authorization filter so that
 * refusals go through the entry point (401) and the access denied handler (403).
 */
final class CertificatePathPolicyFilter extends OncePerRequestFilter {

	private final List<MatchedPolicy> policies;

	CertificatePathPolicyFilter(List<MtlsAuthProperties.PathPolicy> policies,
			PathPatternRequestMatcher.Builder matchers) {
		this.policies = CertificatePathPolicy.of(policies)
			.stream()
			.map((policy) -> new MatchedPolicy(matchers.matcher(policy.pattern()), policy))
			.toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
			.getContext()
			.getAuthentication();
		AuthenticationException presentedFailure = presentedFailure(request);
		CertificatePathPolicy.refuseRejectedCertificate(authentication, presentedFailure);
		for (MatchedPolicy policy : this.policies) {
			if (policy.matcher().matches(request)) {
				policy.policy().enforce(authentication, presentedFailure);
				break;
			}
		}
		chain.doFilter(request, response);
	}

	private static @Nullable AuthenticationException presentedFailure(HttpServletRequest request) {
		return (request.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException ex) ? ex
				: null;
	}

	private record MatchedPolicy(RequestMatcher matcher, CertificatePathPolicy policy) {

	}

}
