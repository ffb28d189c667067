package dev.mtls.boot.server;

import java.net.InetSocketAddress;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * WebFlux counterpart of {@link PlainPortFilter}: answers 404 on the plain port for every
 * path not in {@code mtls.server.plain-port-paths}, before any other filter or handler
 * sees the request.
 */
class PlainPortWebFilter implements WebFilter, Ordered {

	private final PlainPortPaths paths;

	PlainPortWebFilter(PlainPortPaths paths) {
		this.paths = paths;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		InetSocketAddress local = exchange.getRequest().getLocalAddress();
		int localPort = (local != null) ? local.getPort() : -1;
		if (this.paths.refuses(localPort, exchange.getRequest().getPath().pathWithinApplication().value())) {
			exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
			return exchange.getResponse().setComplete();
		}
		return chain.filter(exchange);
	}

}
