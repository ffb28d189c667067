package dev.mtls.boot.auth;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.mtls.boot.pki.CertificateFingerprint;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests whose client certificate was refused, wherever they go, and enforces
 * {@code mtls.auth.paths}: the first policy whose pattern matches the request (Spring
 * Security's normalised path matching, never the raw URI) decides whether a certificate
 * is required, which roles and which certificates may call. Runs just before the
 * authorization filter so that refusals go through the entry point (401) and the access
 * denied handler (403).
 */
final class CertificatePathPolicyFilter extends OncePerRequestFilter {

	private final List<Policy> policies;

	CertificatePathPolicyFilter(List<MtlsAuthProperties.PathPolicy> policies,
			PathPatternRequestMatcher.Builder matchers) {
		this.policies = IntStream.range(0, policies.size())
			.mapToObj((index) -> Policy.of(index, policies.get(index), matchers))
			.toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// A presented but refused certificate fails everywhere, also on paths the
		// application permits to anonymous callers.
		if (request.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof CertificateRejectedException ex
				&& !isCertificateAuthenticated()) {
			throw ex;
		}
		for (Policy policy : this.policies) {
			if (policy.matcher().matches(request)) {
				policy.enforce(request);
				break;
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean isCertificateAuthenticated() {
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
			.getContext()
			.getAuthentication();
		return CertificatePrincipal.of(authentication) != null;
	}

	private record Policy(String name, RequestMatcher matcher, boolean required, Set<String> roles,
			Set<String> allowedFingerprints) {

		static Policy of(int index, MtlsAuthProperties.PathPolicy policy, PathPatternRequestMatcher.Builder matchers) {
			if (policy.getPattern() == null || policy.getPattern().isBlank()) {
				throw new IllegalArgumentException("mtls.auth.paths[].pattern must be set for every path policy");
			}
			String pattern = policy.getPattern().trim();
			return new Policy("mtls.auth.paths[" + index + "] (" + pattern + ")", matchers.matcher(pattern),
					policy.isRequired(), Set.copyOf(policy.getRoles()),
					policy.getAllowedFingerprints()
						.stream()
						.map(CertificateFingerprint::normalize)
						.collect(Collectors.toUnmodifiableSet()));
		}

		void enforce(HttpServletRequest request) {
			Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
				.getContext()
				.getAuthentication();
			CertificatePrincipal principal = CertificatePrincipal.of(authentication);
			if (principal == null) {
				// A presented but refused certificate fails even where certificates are
				// optional.
				if (request
					.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException ex) {
					throw ex;
				}
				if (this.required) {
					throw new InsufficientAuthenticationException("A valid client certificate is required.");
				}
				return;
			}
			if (!this.allowedFingerprints.isEmpty() && !this.allowedFingerprints.contains(principal.getFingerprint())) {
				throw new CertificateRefusal(CertificateRefusal.Cause.NOT_ALLOW_LISTED,
						this.name + " admits only its allowed-fingerprints")
					.toException();
			}
			if (!this.roles.isEmpty() && principal.getRoles().stream().noneMatch(this.roles::contains)) {
				throw new CertificateRefusal(CertificateRefusal.Cause.MISSING_ROLE, this.name
						+ " requires one of the roles " + this.roles + ", the certificate has " + principal.getRoles())
					.toException();
			}
		}

	}

}
