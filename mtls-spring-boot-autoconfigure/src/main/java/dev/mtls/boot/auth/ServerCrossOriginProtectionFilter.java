package dev.mtls.boot.auth;

import java.net.InetSocketAddress;
import java.net.URI;

import dev.mtls.boot.pki.ControlCharacters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Reactive adapter of {@link CrossOriginRequestPolicy}: refuses a cross-origin browser
 * request with 403 and the same problem body as {@link CrossOriginProtectionFilter},
 * before any authentication work.
 */
final class ServerCrossOriginProtectionFilter implements WebFilter {

	// The servlet class's category by name: that class needs the Servlet API, absent on
	// WebFlux.
	private static final Log logger = LogFactory.getLog("dev.mtls.boot.auth.CrossOriginProtectionFilter");

	private final CrossOriginRequestPolicy policy;

	ServerCrossOriginProtectionFilter(CrossOriginRequestPolicy policy) {
		this.policy = policy;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String method = request.getMethod().name();
		// Most requests are safe: decide without reading a header.
		if (CrossOriginRequestPolicy.isSafe(method)) {
			return chain.filter(exchange);
		}
		String origin = request.getHeaders().getFirst("Origin");
		CrossOriginRequestPolicy.Verdict verdict = this.policy.decide(method,
				request.getHeaders().getFirst("Sec-Fetch-Site"), origin, requestOrigin(request),
				request.getPath().pathWithinApplication().value());
		if (verdict.isAllowed()) {
			return chain.filter(exchange);
		}
		if (logger.isInfoEnabled()) {
			InetSocketAddress remote = request.getRemoteAddress();
			logger.info(ControlCharacters.escape("Refused cross-origin " + method + " " + request.getPath().value()
					+ " (" + verdict.reason() + ", Origin: " + origin + ") from "
					+ ((remote != null) ? remote.getHostString() : "unknown")
					+ "; to admit a browser application, add its origin to mtls.auth.cross-origin.trusted-origins"));
		}
		return ServerProblemDetailsWriter.write(exchange, HttpStatus.FORBIDDEN, "Forbidden",
				"Cross-origin request refused: " + verdict.reason() + ".");
	}

	private static String requestOrigin(ServerHttpRequest request) {
		URI uri = request.getURI();
		int port = uri.getPort();
		if (port == -1) {
			port = "https".equals(uri.getScheme()) ? 443 : 80;
		}
		return uri.getScheme() + "://" + uri.getHost() + ":" + port;
	}

}
