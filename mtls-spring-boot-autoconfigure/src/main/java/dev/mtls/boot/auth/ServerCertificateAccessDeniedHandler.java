package dev.mtls.boot.auth;

import dev.mtls.boot.pki.ControlCharacters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reactive adapter of {@link CertificateAccessDeniedHandler}: 403 with the same problem
 * body that names the cause, and the same DEBUG line naming the rule.
 */
public class ServerCertificateAccessDeniedHandler implements ServerAccessDeniedHandler {

	// The servlet class's category by name: that class needs the Servlet API, absent on
	// WebFlux.
	private static final Log logger = LogFactory.getLog("dev.mtls.boot.auth.CertificateAccessDeniedHandler");

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		Mono<Void> answer = ServerProblemDetailsWriter.write(exchange, HttpStatus.FORBIDDEN, "Forbidden",
				CertificateProblems.forbiddenDetail(denied));
		if (!logger.isDebugEnabled()) {
			return answer;
		}
		ServerHttpRequest request = exchange.getRequest();
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.map(CertificateProblems::caller)
			.defaultIfEmpty(CertificateProblems.caller(null))
			.doOnNext((caller) -> logger
				.debug(ControlCharacters.escape("Refused " + caller + " for " + request.getMethod() + " "
						+ request.getPath().value() + ": " + CertificateProblems.forbiddenRule(denied))))
			.then(answer);
	}

}
