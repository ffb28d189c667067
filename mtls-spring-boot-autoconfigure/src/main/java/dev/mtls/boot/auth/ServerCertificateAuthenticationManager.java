package dev.mtls.boot.auth;

import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Reactive adapter of {@link CertificateUserDetailsService}: the same policy, verifiers,
 * principal, roles and cache as on the servlet stack, and the same authentication events
 * for the starter's metrics and audit. Authenticates only the tokens of
 * {@link ServerCertificateAuthenticationConverter}.
 */
final class ServerCertificateAuthenticationManager implements ReactiveAuthenticationManager {

	private final CertificateUserDetailsService userDetailsService;

	private final @Nullable AuthenticationEventPublisher eventPublisher;

	ServerCertificateAuthenticationManager(CertificateUserDetailsService userDetailsService,
			@Nullable AuthenticationEventPublisher eventPublisher) {
		this.userDetailsService = userDetailsService;
		this.eventPublisher = eventPublisher;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (!(authentication.getDetails() instanceof ServerCertificateAuthenticationDetails details)) {
			return Mono.empty();
		}
		Mono<Authentication> result = Mono.fromCallable(() -> authenticate(authentication, details.getChain()));
		// Without verifiers: CPU work on cached facts, no thread hop for it. With them,
		// an
		// OCSP cache miss waits for the responder, which must not stall the event loop.
		return this.userDetailsService.verifiesChains() ? result.subscribeOn(Schedulers.boundedElastic()) : result;
	}

	private Authentication authenticate(Authentication token, List<X509Certificate> chain) {
		try {
			Object extracted = token.getPrincipal();
			if (extracted == null) {
				throw new CertificateRejectedException("no principal");
			}
			CertificatePrincipal principal = this.userDetailsService.loadPrincipal(extracted, chain);
			PreAuthenticatedAuthenticationToken result = new PreAuthenticatedAuthenticationToken(principal,
					token.getCredentials(), principal.getAuthorities());
			result.setDetails(token.getDetails());
			if (this.eventPublisher != null) {
				this.eventPublisher.publishAuthenticationSuccess(result);
			}
			return result;
		}
		catch (AuthenticationException ex) {
			if (this.eventPublisher != null) {
				this.eventPublisher.publishAuthenticationFailure(ex, token);
			}
			throw ex;
		}
	}

}
