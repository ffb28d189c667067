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
 * client, the URL and the cause, and tells the {@link MtlsClientRequestListener} beans
 * how each exchange ended.
 */
final class MtlsClientExchangeFilter implements ExchangeFilterFunction {

	private final MtlsClient client;

	private final CallFailureDiagnosis diagnosis;

	private final ClientRequestListeners listeners;

	MtlsClientExchangeFilter(MtlsClient client, ClientRequestListeners listeners) {
		this.client = client;
		this.diagnosis = client.diagnosis();
		this.listeners = listeners;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return next.exchange(request).onErrorMap((ex) -> {
			MtlsClientException explained = this.diagnosis.diagnose(request.url(), ex);
			if (explained == null) {
				this.listeners.failed(this.client, ex);
				return ex;
			}
			this.listeners.refused(this.client, null, explained);
			return new WebClientRequestException(explained, request.method(), request.url(), request.headers());
		}).flatMap((response) -> {
			int status = response.statusCode().value();
			MtlsClientException explained = this.diagnosis.diagnoseStatus(request.url(), status);
			if (explained == null) {
				this.listeners.responded(this.client, status);
				return Mono.just(response);
			}
			this.listeners.refused(this.client, status, explained);
			return response.releaseBody()
				.then(Mono.error(
						new WebClientRequestException(explained, request.method(), request.url(), request.headers())));
		});
	}

}
