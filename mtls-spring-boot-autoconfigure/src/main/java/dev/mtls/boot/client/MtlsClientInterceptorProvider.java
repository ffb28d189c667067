package dev.mtls.boot.client;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * Contributes a request interceptor to the {@code RestClient} and {@code RestTemplate}
 * builders that {@link MtlsRestClientSsl} sets up for a client, e.g. one that sends an
 * OAuth2 access token the client obtained with its certificate. Beans of this type are
 * applied in order.
 */
@FunctionalInterface
public interface MtlsClientInterceptorProvider {

	/**
	 * Return the interceptor for a client's requests.
	 * @param client the client being applied to a builder
	 * @return the interceptor, or {@code null} for none
	 */
	@Nullable ClientHttpRequestInterceptor interceptorFor(MtlsClient client);

}
