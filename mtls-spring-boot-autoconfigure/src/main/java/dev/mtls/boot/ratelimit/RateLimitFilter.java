package dev.mtls.boot.ratelimit;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.mtls.boot.auth.CertificatePrincipal;
import dev.mtls.boot.auth.ProblemDetailsWriter;
import dev.mtls.boot.pki.CertificateFingerprint;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Servlet adapter of {@link RateLimiter}, placed after authentication in the security
 * filter chain: puts the caller's tier into the request
 * ({@link RateLimiter#TIER_ATTRIBUTE}), the {@code RateLimit-Policy} and
 * {@code RateLimit} header fields into every answer, and refuses a request over its
 * tier's limits with 429, {@code Retry-After} and a problem body. Unauthenticated
 * requests pass unlimited.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

	private static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private final RateLimiter rateLimiter;

	private final SecurityContextHolderStrategy securityContext;

	private final @Nullable X509PrincipalExtractor principalExtractor;

	RateLimitFilter(RateLimiter rateLimiter, SecurityContextHolderStrategy securityContext,
			@Nullable X509PrincipalExtractor principalExtractor) {
		this.rateLimiter = rateLimiter;
		this.securityContext = securityContext;
		this.principalExtractor = principalExtractor;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = this.securityContext.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			chain.doFilter(request, response);
			return;
		}
		RateLimitDecision decision = this.rateLimiter.check(caller(authentication, request, this.principalExtractor));
		if (decision.tier() != null) {
			request.setAttribute(RateLimiter.TIER_ATTRIBUTE, decision.tier());
		}
		String policy = decision.policyHeader();
		String rateLimit = decision.rateLimitHeader();
		if (policy != null && rateLimit != null) {
			response.setHeader(RateLimitDecision.POLICY_HEADER, policy);
			response.setHeader(RateLimitDecision.RATE_LIMIT_HEADER, rateLimit);
		}
		switch (decision.outcome()) {
			case LIMITED -> {
				response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
				ProblemDetailsWriter.write(request, response, 429, "Too Many Requests",
						"The request rate of tier '" + decision.tier() + "' is exhausted; retry after "
								+ decision.retryAfterSeconds() + " second(s).");
			}
			case STORE_UNAVAILABLE -> ProblemDetailsWriter.write(request, response, 503, "Service Unavailable",
					"The rate limit cannot be checked at the moment; retry later.");
			default -> chain.doFilter(request, response);
		}
	}

	/**
	 * The caller as the limiter sees it: the certificate principal and the
	 * authentication's own name and roles. When another authentication (a bearer token)
	 * names the caller, the certificate's principal name and fingerprint come from the
	 * request's certificate.
	 */
	static RateLimitCaller caller(Authentication authentication, HttpServletRequest request,
			@Nullable X509PrincipalExtractor principalExtractor) {
		CertificatePrincipal certificate = CertificatePrincipal.of(authentication);
		Set<String> names = new LinkedHashSet<>(2);
		List<String> roles = new ArrayList<>();
		String fingerprint = null;
		if (certificate != null) {
			names.add(certificate.getName());
			roles.addAll(certificate.getRoles());
			fingerprint = certificate.getFingerprint();
		}
		else if (request.getAttribute(CERTIFICATE_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0) {
			fingerprint = CertificateFingerprint.sha256(chain[0]);
			String name = certificateName(chain[0], principalExtractor);
			if (name != null) {
				names.add(name);
			}
		}
		names.add(authentication.getName());
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith("ROLE_")) {
				roles.add(name.substring(5));
			}
		}
		return new RateLimitCaller(names, fingerprint, roles);
	}

	private static @Nullable String certificateName(X509Certificate certificate,
			@Nullable X509PrincipalExtractor principalExtractor) {
		if (principalExtractor == null) {
			return null;
		}
		try {
			return String.valueOf(principalExtractor.extractPrincipal(certificate));
		}
		catch (RuntimeException ex) {
			// Authentication accepted the request by other means; the limiter still
			// keys the caller by fingerprint.
			return null;
		}
	}

}
