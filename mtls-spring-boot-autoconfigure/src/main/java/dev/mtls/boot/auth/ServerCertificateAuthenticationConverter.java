package dev.mtls.boot.auth;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reactive adapter that reads the client chain of a request ({@link SslInfo}, set by the
 * server or by the proxy-mode filter) into the token that
 * {@link ServerCertificateAuthenticationManager} authenticates: the extracted principal
 * (or why it could not be extracted), the leaf as credentials and the whole chain in the
 * details. No certificate, no token: the request goes on unauthenticated.
 */
final class ServerCertificateAuthenticationConverter implements ServerAuthenticationConverter {

	private final X509PrincipalExtractor principalExtractor;

	ServerCertificateAuthenticationConverter(X509PrincipalExtractor principalExtractor) {
		this.principalExtractor = new RejectionCapturingPrincipalExtractor(principalExtractor);
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		List<X509Certificate> chain = chain(request.getSslInfo());
		if (chain.isEmpty()) {
			return Mono.empty();
		}
		X509Certificate leaf = chain.get(0);
		PreAuthenticatedAuthenticationToken token = new PreAuthenticatedAuthenticationToken(
				this.principalExtractor.extractPrincipal(leaf), leaf);
		token.setDetails(new ServerCertificateAuthenticationDetails(chain, remoteAddress(request)));
		return Mono.just(token);
	}

	static List<X509Certificate> chain(@Nullable SslInfo sslInfo) {
		X509Certificate[] certificates = (sslInfo != null) ? sslInfo.getPeerCertificates() : null;
		return (certificates != null && certificates.length > 0) ? List.of(certificates) : List.of();
	}

	private static @Nullable String remoteAddress(ServerHttpRequest request) {
		InetSocketAddress address = request.getRemoteAddress();
		return (address != null && address.getAddress() != null) ? address.getAddress().getHostAddress() : null;
	}

}
