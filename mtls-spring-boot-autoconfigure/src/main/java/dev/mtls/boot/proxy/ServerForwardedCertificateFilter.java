package dev.mtls.boot.proxy;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.mtls.boot.auth.ServerProblemDetailsWriter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Reactive adapter of {@link ForwardedCertificateAcceptance}: accepts a client
 * certificate forwarded by a trusted proxy (matched on the TCP peer address) and presents
 * it to the application as the request's {@link SslInfo}, where certificate
 * authentication picks it up exactly like one from a TLS handshake. The certificate
 * headers never reach the application. Runs ahead of Spring Security's filter chain.
 */
public class ServerForwardedCertificateFilter implements WebFilter, Ordered {

	/**
	 * Just ahead of Spring Security's {@code WebFilterChainProxy} (order -100).
	 */
	static final int ORDER = -110;

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent(
			"reactor.netty.http.server.HttpServerRequest", ServerForwardedCertificateFilter.class.getClassLoader());

	private final ForwardedCertificateAcceptance acceptance;

	private final List<String> hiddenHeaders;

	ServerForwardedCertificateFilter(ForwardedCertificateAcceptance acceptance) {
		this.acceptance = acceptance;
		this.hiddenHeaders = acceptance.hiddenHeaders();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		SslInfo sslInfo = request.getSslInfo();
		ForwardedCertificateAcceptance.Verdict verdict = this.acceptance.decide(peerAddress(request),
				(sslInfo != null) ? sslInfo.getPeerCertificates() : null,
				(name) -> request.getHeaders().getOrEmpty(name));
		if (verdict.refusal() != null) {
			return ServerProblemDetailsWriter.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized",
					verdict.refusal());
		}
		ServerHttpRequest.Builder forwarded = request.mutate()
			.headers((headers) -> this.hiddenHeaders.forEach(headers::remove));
		if (verdict.trustedPeer()) {
			// The forwarded chain, or none: a trusted proxy's own certificate never
			// passes for a client's.
			forwarded.sslInfo(new ForwardedSslInfo(sslInfo, verdict.certificates()));
		}
		return chain.filter(exchange.mutate().request(forwarded.build()).build());
	}

	/**
	 * Return the TCP peer address, never one taken from a forwarding header: Reactor
	 * Netty's and Spring's forwarded-header support both rewrite
	 * {@link ServerHttpRequest#getRemoteAddress()}.
	 */
	static @Nullable String peerAddress(ServerHttpRequest request) {
		if (REACTOR_NETTY_PRESENT) {
			String address = ReactorNettyPeer.address(request);
			if (address != null) {
				return address;
			}
		}
		return hostAddress(request.getRemoteAddress());
	}

	private static @Nullable String hostAddress(@Nullable Object address) {
		return (address instanceof InetSocketAddress socket && socket.getAddress() != null)
				? socket.getAddress().getHostAddress() : null;
	}

	/**
	 * Loaded only with Reactor Netty on the class path.
	 */
	private static final class ReactorNettyPeer {

		static @Nullable String address(ServerHttpRequest request) {
			Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
			return (nativeRequest instanceof HttpServerRequest netty) ? hostAddress(netty.connectionRemoteAddress())
					: null;
		}

	}

	/**
	 * The TLS facts of a request from a trusted proxy: the proxy's session, the forwarded
	 * client chain (or none).
	 */
	private record ForwardedSslInfo(@Nullable SslInfo proxy,
			X509Certificate @Nullable [] forwarded) implements SslInfo {

		@Override
		public @Nullable String getSessionId() {
			return (this.proxy != null) ? this.proxy.getSessionId() : null;
		}

		@Override
		public X509Certificate @Nullable [] getPeerCertificates() {
			return (this.forwarded != null) ? this.forwarded.clone() : null;
		}

	}

}
