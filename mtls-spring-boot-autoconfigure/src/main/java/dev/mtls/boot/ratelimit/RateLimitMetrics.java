package dev.mtls.boot.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts refused requests by tier ({@code mtls.rate-limit.refusals}, tags {@code tier}
 * and {@code reason}: {@code limited} or {@code store-unavailable}) and requests the
 * bucket store could not be asked about ({@code mtls.rate-limit.store.unavailable}, tags
 * {@code tier} and {@code outcome}: {@code refused} or {@code allowed}).
 */
final class RateLimitMetrics implements RateLimitObserver {

	static final String REFUSALS = "mtls.rate-limit.refusals";

	static final String STORE_UNAVAILABLE = "mtls.rate-limit.store.unavailable";

	private final ObjectProvider<MeterRegistry> registry;

	RateLimitMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void limited(String tier) {
		refusal(tier, "limited");
	}

	@Override
	public void storeUnavailable(String tier, boolean refused) {
		MeterRegistry meters = this.registry.getIfAvailable();
		if (meters == null) {
			return;
		}
		Counter.builder(STORE_UNAVAILABLE)
			.description("Requests the rate-limit bucket store could not be asked about")
			.tag("tier", tier)
			.tag("outcome", refused ? "refused" : "allowed")
			.register(meters)
			.increment();
		if (refused) {
			refusal(tier, "store-unavailable");
		}
	}

	private void refusal(String tier, String reason) {
		MeterRegistry meters = this.registry.getIfAvailable();
		if (meters == null) {
			return;
		}
		// Looked up on refusals only, never on the path of an allowed request.
		Counter.builder(REFUSALS)
			.description("Requests refused by the rate limit")
			.tag("tier", tier)
			.tag("reason", reason)
			.register(meters)
			.increment();
	}

}
