package dev.mtls.boot.auth;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reactive adapter of {@link CertificateAuthenticationEntryPoint}: 401 with the same
 * problem body when a request has no acceptable client certificate.
 */
public class ServerCertificateAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		return ServerProblemDetailsWriter.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized",
				CertificateProblems.unauthorizedDetail(null, ex));
	}

	/**
	 * Answer a request whose presented certificate was refused.
	 */
	Mono<Void> refuse(ServerWebExchange exchange, AuthenticationException presentedFailure) {
		return ServerProblemDetailsWriter.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized",
				CertificateProblems.unauthorizedDetail(presentedFailure, presentedFailure));
	}

}
