package dev.mtls.sample.webflux;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import dev.mtls.boot.client.MtlsClientException;
import dev.mtls.boot.client.MtlsWebClientSsl;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Calls the partner service ({@code mtls.clients.partner.*}) over mutual TLS and returns
 * what the partner saw of our certificate.
 */
@RestController
class PartnerController {

	private final WebClient partner;

	PartnerController(WebClient.Builder builder, MtlsWebClientSsl mtls) {
		this.partner = builder.apply(mtls.fromClient("partner")).build();
	}

	@GetMapping("/api/partner")
	Mono<ResponseEntity<?>> partner() {
		return this.partner.get()
			.uri("/api/whoami")
			.retrieve()
			.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.<ResponseEntity<?>>map(ResponseEntity::ok)
			.onErrorResume(WebClientResponseException.class,
					(ex) -> Mono.just(badGateway("partner-refused",
							"The partner answered " + ex.getStatusCode().value(),
							"The partner answered " + ex.getStatusCode() + ": " + ex.getResponseBodyAsString(), null)))
			.onErrorResume((ex) -> Mono.just(failed(ex)));
	}

	private static ResponseEntity<ProblemDetail> failed(Throwable ex) {
		MtlsClientException mtls = mtlsCause(ex);
		if (mtls != null) {
			return badGateway(mtls.getReason().name().toLowerCase(Locale.ROOT).replace('_', '-'),
					"Mutual TLS call to the partner failed", mtls.getMessage(), mtls.getReason().name());
		}
		return badGateway("partner-unreachable", "The partner cannot be reached", ex.getMessage(), null);
	}

	private static ResponseEntity<ProblemDetail> badGateway(String type, String title, String detail, String reason) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, detail);
		problem.setType(URI.create("urn:mtls-sample:problem:" + type));
		problem.setTitle(title);
		if (reason != null) {
			problem.setProperty("reason", reason);
		}
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private static MtlsClientException mtlsCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MtlsClientException mtls) {
				return mtls;
			}
		}
		return null;
	}

}
