package dev.mtls.boot.client;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Reports TLS trust and identity failures of a {@code WebClient} as a
 * {@link WebClientRequestException} caused by an {@link MtlsClientException} naming the
 * client, the URL and the cause.
 */
final class MtlsClientExchangeFilter implements ExchangeFilterFunction {

	private final CallFailureDiagnosis diagnosis;

	MtlsClientExchangeFilter(MtlsClient client) {
		this.diagnosis = client.diagnosis();
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return next.exchange(request).onErrorMap((ex) -> this.diagnosis.diagnose(request.url(), ex) != null, (ex) -> {
			MtlsClientException explained = this.diagnosis.diagnose(request.url(), ex);
			return new WebClientRequestException(explained, request.method(), request.url(), request.headers());
		}).flatMap((response) -> {
			MtlsClientException explained = this.diagnosis.diagnoseStatus(request.url(),
					response.statusCode().value());
			if (explained == null) {
				return Mono.just(response);
			}
			return response.releaseBody()
				.then(Mono.error(new WebClientRequestException(explained, request.method(), request.url(),
						request.headers())));
		});
	}

}
