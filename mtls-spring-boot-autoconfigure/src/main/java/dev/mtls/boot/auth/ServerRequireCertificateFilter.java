package dev.mtls.boot.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Reactive adapter of {@link RequireCertificateAuthorizationManager}: decides
 * {@code @RequireCertificate} of the controller method a request goes to, before it is
 * invoked, whatever the method returns (reactive method security only sees methods that
 * return a {@code Publisher}). Finds the method as WebFlux does, through the handler
 * mapping's conditions, and only for requests that an annotated method could serve.
 */
final class ServerRequireCertificateFilter implements WebFilter {

	private final ObjectProvider<RequestMappingHandlerMapping> mappings;

	private final ServerCertificateAuthenticationEntryPoint entryPoint;

	private final ServerCertificateAccessDeniedHandler accessDeniedHandler;

	private volatile @Nullable Handlers handlers;

	ServerRequireCertificateFilter(ObjectProvider<RequestMappingHandlerMapping> mappings,
			ServerCertificateAuthenticationEntryPoint entryPoint,
			ServerCertificateAccessDeniedHandler accessDeniedHandler) {
		this.mappings = mappings;
		this.entryPoint = entryPoint;
		this.accessDeniedHandler = accessDeniedHandler;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Handlers handlers = handlers();
		if (handlers.annotated().isEmpty() || CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		HandlerMethod method = handlers.annotatedMatch(exchange);
		RequireCertificate requirement = (method != null) ? Handlers.requirement(method) : null;
		if (method == null || requirement == null) {
			return chain.filter(exchange);
		}
		String where = RequireCertificateAuthorizationManager.name(method.getMethod());
		return ReactiveSecurityContextHolder.getContext()
			.map((context) -> Optional.ofNullable(context.getAuthentication()))
			.defaultIfEmpty(Optional.empty())
			.flatMap((authentication) -> decide(exchange, requirement, authentication.orElse(null), where))
			.flatMap((proceed) -> proceed ? chain.filter(exchange) : Mono.empty());
	}

	private Mono<Boolean> decide(ServerWebExchange exchange, RequireCertificate requirement,
			@Nullable Authentication authentication, String where) {
		AuthorizationResult result = RequireCertificateAuthorizationManager.decide(requirement, authentication, where);
		if (result.isGranted()) {
			return Mono.just(true);
		}
		if (result instanceof CertificateRefusal refusal) {
			return this.accessDeniedHandler.handle(exchange, refusal.toException()).thenReturn(false);
		}
		return this.entryPoint
			.commence(exchange, new InsufficientAuthenticationException("A valid client certificate is required."))
			.thenReturn(false);
	}

	private Handlers handlers() {
		Handlers handlers = this.handlers;
		if (handlers == null) {
			handlers = Handlers
				.of(this.mappings.orderedStream().map(RequestMappingHandlerMapping::getHandlerMethods).toList());
			this.handlers = handlers;
		}
		return handlers;
	}

	/**
	 * The application's handler methods, per handler mapping in the order WebFlux asks
	 * them, read once after the context started.
	 */
	private record Handlers(List<List<Map.Entry<RequestMappingInfo, HandlerMethod>>> byMapping,
			List<Map.Entry<RequestMappingInfo, HandlerMethod>> annotated) {

		static Handlers of(List<Map<RequestMappingInfo, HandlerMethod>> mappings) {
			List<List<Map.Entry<RequestMappingInfo, HandlerMethod>>> byMapping = mappings.stream()
				.map((methods) -> List.copyOf(methods.entrySet()))
				.toList();
			return new Handlers(byMapping,
					byMapping.stream()
						.flatMap(List::stream)
						.filter((entry) -> requirement(entry.getValue()) != null)
						.toList());
		}

		/**
		 * The method WebFlux will choose for the request, looked for only when an
		 * annotated method matches at all.
		 */
		@Nullable HandlerMethod annotatedMatch(ServerWebExchange exchange) {
			if (this.annotated.stream().noneMatch((entry) -> entry.getKey().getMatchingCondition(exchange) != null)) {
				return null;
			}
			for (List<Map.Entry<RequestMappingInfo, HandlerMethod>> mapping : this.byMapping) {
				HandlerMethod best = best(mapping, exchange);
				if (best != null) {
					return best;
				}
			}
			return null;
		}

		private static @Nullable HandlerMethod best(List<Map.Entry<RequestMappingInfo, HandlerMethod>> mapping,
				ServerWebExchange exchange) {
			RequestMappingInfo bestMatch = null;
			HandlerMethod best = null;
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping) {
				RequestMappingInfo match = entry.getKey().getMatchingCondition(exchange);
				if (match != null && (bestMatch == null || match.compareTo(bestMatch, exchange) < 0)) {
					bestMatch = match;
					best = entry.getValue();
				}
			}
			return best;
		}

		static @Nullable RequireCertificate requirement(HandlerMethod method) {
			return RequireCertificateAuthorizationManager.find(method.getMethod(), method.getBeanType());
		}

	}

}
