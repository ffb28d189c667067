package dev.mtls.boot.oauth2;

import java.io.IOException;

import dev.mtls.boot.auth.BearerTokenRequirement;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces the bearer token requirement of a request after Spring Security's bearer token
 * filter: a token must have authenticated the request where one is required, and must be
 * bound to the presented certificate where that is required. Refusals are answered as
 * Spring Security's bearer token filter answers them (RFC 6750): 401 with
 * {@code WWW-Authenticate: Bearer}, and {@code error="invalid_token"} for a token that is
 * not bound to the certificate. Certificate problems stay with the certificate path
 * policy and its problem responses.
 */
final class BearerTokenPolicyFilter extends OncePerRequestFilter {

	private final BearerTokenPaths paths;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy contexts;

	private final CertificateBoundTokenCheck binding = new CertificateBoundTokenCheck();

	BearerTokenPolicyFilter(BearerTokenPaths paths, AuthenticationEntryPoint entryPoint,
			SecurityContextHolderStrategy contexts) {
		this.paths = paths;
		this.entryPoint = entryPoint;
		this.contexts = contexts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BearerTokenRequirement requirement = this.paths.requirement(request);
		AuthenticationException refusal = (requirement != BearerTokenRequirement.NONE) ? refusal(requirement) : null;
		if (refusal != null) {
			this.contexts.clearContext();
			this.entryPoint.commence(request, response, refusal);
			return;
		}
		chain.doFilter(request, response);
	}

	private @Nullable AuthenticationException refusal(BearerTokenRequirement requirement) {
		Authentication authentication = this.contexts.getContext().getAuthentication();
		if (!(authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token)) {
			return new BearerTokenRequiredException();
		}
		// A bound token is checked wherever it is used (RFC 8705 section 3); the JWT
		// decoder did so already, an opaque token's introspection did not.
		if (requirement == BearerTokenRequirement.CERTIFICATE_BOUND
				|| token.getTokenAttributes().containsKey(CertificateBoundTokenCheck.CONFIRMATION_CLAIM)) {
			OAuth2Error error = this.binding.check(token.getToken().getTokenValue(), token.getTokenAttributes());
			if (error != null) {
				return new OAuth2AuthenticationException(error);
			}
		}
		return null;
	}

}
