package dev.mtls.boot.auth;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reactive adapter of {@link CertificateProblems}: writes the same
 * {@code application/problem+json} answers as {@link ProblemDetailsWriter} does on the
 * servlet stack. Shared by the starter's web filters; not meant for application code.
 */
public final class ServerProblemDetailsWriter {

	private static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json", StandardCharsets.UTF_8);

	private ServerProblemDetailsWriter() {
	}

	/**
	 * Write a problem response unless the response is already committed.
	 * @param exchange the exchange
	 * @param status the HTTP status
	 * @param title the title
	 * @param detail the detail for the caller
	 * @return completion of the write
	 */
	public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(status);
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(PROBLEM_JSON);
		if (status == HttpStatus.UNAUTHORIZED) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE, CertificateProblems.CHALLENGE);
		}
		byte[] body = CertificateProblems.body(status.value(), title, detail, exchange.getRequest().getPath().value())
			.getBytes(StandardCharsets.UTF_8);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

}
