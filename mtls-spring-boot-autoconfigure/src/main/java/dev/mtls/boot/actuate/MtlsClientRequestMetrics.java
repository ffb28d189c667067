package dev.mtls.boot.actuate;

import java.util.Locale;

import dev.mtls.boot.client.MtlsClientException.Reason;
import dev.mtls.boot.client.MtlsClientRequestListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts requests of the outbound mTLS clients as {@value #METRIC_NAME}, tagged with
 * {@code client} (the client name, {@code default} for {@code mtls.client}),
 * {@code outcome} and {@code status}:
 * <ul>
 * <li>a response: {@code outcome=success}, {@code status} its class ({@code 2xx},
 * {@code 4xx}, {@code 5xx}...);</li>
 * <li>a TLS trust or identity failure: {@code outcome} the
 * {@link dev.mtls.boot.client.MtlsClientException.Reason reason} in kebab case
 * ({@code client-certificate-refused}, {@code no-client-certificate},
 * {@code server-untrusted}, {@code hostname-mismatch}, {@code pin-mismatch});</li>
 * <li>any other failure to get a response (connection refused, timeout...):
 * {@code outcome=io-error}.</li>
 * </ul>
 * Failures have {@code status=none} (every series has the same tag keys, as Prometheus
 * requires).
 */
public class MtlsClientRequestMetrics implements MtlsClientRequestListener {

	/**
	 * Name of the counter.
	 */
	public static final String METRIC_NAME = "mtls.client.requests";

	private final MeterRegistry registry;

	public MtlsClientRequestMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void requestCompleted(String client, @Nullable Integer status, @Nullable Reason reason,
			@Nullable Throwable error) {
		boolean success = reason == null && error == null;
		Counter.builder(METRIC_NAME)
			.description("Requests of outbound mTLS clients")
			.tag("client", client)
			.tag("outcome", success ? "success" : outcome(reason))
			.tag("status", (success && status != null) ? statusClass(status) : "none")
			.register(this.registry)
			.increment();
	}

	static String outcome(@Nullable Reason reason) {
		return (reason != null) ? reason.name().toLowerCase(Locale.ROOT).replace('_', '-') : "io-error";
	}

	private static String statusClass(int status) {
		return (status >= 100 && status < 600) ? (status / 100) + "xx" : "unknown";
	}

}
