package dev.mtls.boot.client;

import dev.mtls.boot.client.MtlsClientException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Told of every request made through an mTLS client applied with
 * {@link MtlsRestClientSsl} or {@link MtlsWebClientSsl} ({@code RestClient},
 * {@code RestTemplate}, {@code WebClient}): the HTTP status when a response came back, or
 * why none did. Declare beans of this type to observe outbound calls; they are called in
 * order ({@link org.springframework.core.Ordered}), on the thread that completed the
 * request, and an exception thrown by one is logged and does not affect the call.
 * <p>
 * The actuator support uses it for the {@code mtls.client.requests} counter.
 */
@FunctionalInterface
public interface MtlsClientRequestListener {

	/**
	 * Called once a request has completed or failed.
	 * @param client the client name, {@value MtlsClients#DEFAULT_CLIENT_NAME} for the
	 * default client
	 * @param status the HTTP status of the response, or {@code null} when no response was
	 * received
	 * @param reason why TLS trust or identity made the call fail, or {@code null} when
	 * they did not (a response came back, or the call failed for another reason such as a
	 * refused connection or a timeout)
	 * @param error what the call failed with ({@link MtlsClientException} when
	 * {@code reason} is set), or {@code null} when the call succeeded
	 */
	void requestCompleted(String client, @Nullable Integer status, @Nullable Reason reason, @Nullable Throwable error);

}
