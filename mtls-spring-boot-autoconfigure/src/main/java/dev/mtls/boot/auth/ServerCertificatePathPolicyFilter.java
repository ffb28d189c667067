package dev.mtls.boot.auth;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Reactive adapter of {@link CertificatePathPolicy}: the first policy whose pattern
 * matches the request (Spring's parsed path within the application, as WebFlux routes it)
 * decides, with the same 401 and 403 answers as on the servlet stack. A refused
 * certificate never gets this far: its authentication answers 401 at once.
 */
final class ServerCertificatePathPolicyFilter implements WebFilter {

	private final List<MatchedPolicy> policies;

	private final ServerCertificateAuthenticationEntryPoint entryPoint;

	private final ServerCertificateAccessDeniedHandler accessDeniedHandler;

	ServerCertificatePathPolicyFilter(List<MtlsAuthProperties.PathPolicy> policies,
			ServerCertificateAuthenticationEntryPoint entryPoint,
			ServerCertificateAccessDeniedHandler accessDeniedHandler) {
		this.policies = CertificatePathPolicy.of(policies)
			.stream()
			.map((policy) -> new MatchedPolicy(new PathPatternParserServerWebExchangeMatcher(policy.pattern()), policy))
			.toList();
		this.entryPoint = entryPoint;
		this.accessDeniedHandler = accessDeniedHandler;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.policies.isEmpty()) {
			return chain.filter(exchange);
		}
		return firstMatching(exchange).zipWith(currentAuthentication())
			.flatMap((matched) -> enforce(exchange, matched.getT1(), matched.getT2().orElse(null)))
			.defaultIfEmpty(true)
			.flatMap((proceed) -> proceed ? chain.filter(exchange) : Mono.empty());
	}

	private Mono<CertificatePathPolicy> firstMatching(ServerWebExchange exchange) {
		return Flux.fromIterable(this.policies)
			.concatMap((policy) -> policy.matcher()
				.matches(exchange)
				.filter(ServerWebExchangeMatcher.MatchResult::isMatch)
				.map((match) -> policy.policy()))
			.next();
	}

	private static Mono<Optional<Authentication>> currentAuthentication() {
		return ReactiveSecurityContextHolder.getContext()
			.map((context) -> Optional.ofNullable(context.getAuthentication()))
			.defaultIfEmpty(Optional.empty());
	}

	private Mono<Boolean> enforce(ServerWebExchange exchange, CertificatePathPolicy policy,
			@Nullable Authentication authentication) {
		try {
			policy.enforce(authentication, null);
			return Mono.just(true);
		}
		catch (AuthenticationException ex) {
			return this.entryPoint.commence(exchange, ex).thenReturn(false);
		}
		catch (AccessDeniedException ex) {
			return this.accessDeniedHandler.handle(exchange, ex).thenReturn(false);
		}
	}

	private record MatchedPolicy(ServerWebExchangeMatcher matcher, CertificatePathPolicy policy) {

	}

}
