package dev.mtls.boot.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Decides whether an authenticated caller may make one more request, for any web stack:
 * finds the caller's tier, takes a token from each of the tier's buckets and reports the
 * quota left. Web adapters put the tier in the request under {@link #TIER_ATTRIBUTE} and
 * turn the decision into headers and a 429 or 503 answer.
 */
public final class RateLimiter {

	/**
	 * Request (or exchange) attribute holding the name of the caller's tier as a
	 * {@code String}; absent when the caller is exempt or in no tier.
	 */
	public static final String TIER_ATTRIBUTE = RateLimiter.class.getName() + ".tier";

	private static final Log logger = LogFactory.getLog(RateLimiter.class);

	private static final long WARNING_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

	private final RateLimitTierResolver tiers;

	private final RateLimitBuckets buckets;

	private final boolean refuseWhenUnavailable;

	private final RateLimitObserver observer;

	private final Map<String, BucketConfiguration> configurations = new LinkedHashMap<>();

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);

	private final AtomicLong unavailableSinceWarning = new AtomicLong();

	RateLimiter(RateLimitTierResolver tiers, RateLimitBuckets buckets, boolean refuseWhenUnavailable,
			RateLimitObserver observer) {
		this.tiers = tiers;
		this.buckets = buckets;
		this.refuseWhenUnavailable = refuseWhenUnavailable;
		this.observer = observer;
		tiers.tiers().forEach((name, tier) -> this.configurations.put(name, configuration(tier)));
	}

	private static BucketConfiguration configuration(RateLimitTier tier) {
		ConfigurationBuilder builder = BucketConfiguration.builder();
		for (RateLimitTier.Limit limit : tier.limits()) {
			// Interval refill: the whole quota comes back at the end of each period,
			// which
			// starts with the caller's first request: the quota-per-window model of the
			// RateLimit header fields, exactly 'capacity' requests in each window.
			builder.addLimit((bandwidth) -> bandwidth.capacity(limit.capacity())
				.refillIntervally(limit.capacity(), limit.period()));
		}
		return builder.build();
	}

	/**
	 * Take one request from the caller's quota.
	 * @param caller the authenticated caller
	 * @return the decision, with the quota left
	 */
	public RateLimitDecision check(RateLimitCaller caller) {
		RateLimitTier tier = this.tiers.resolve(caller);
		if (tier == null) {
			return RateLimitDecision.unlimited(null);
		}
		VerboseResult<ConsumptionProbe> result;
		try {
			result = this.buckets.consume(tier, Objects.requireNonNull(this.configurations.get(tier.name())),
					caller.key());
		}
		catch (RuntimeException ex) {
			return storeUnavailable(tier, ex);
		}
		ConsumptionProbe probe = result.getValue();
		long[] available = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
		List<RateLimitDecision.Quota> quotas = new ArrayList<>(tier.limits().size());
		long untilReset = ceilSeconds(probe.getNanosToWaitForReset());
		for (int i = 0; i < tier.limits().size(); i++) {
			RateLimitTier.Limit limit = tier.limits().get(i);
			long remaining = Math.max(0, Math.min(limit.capacity(), available[i]));
			// Bucket4j reports when the whole bucket is full again; one limit's own
			// window
			// ends no later than that and never later than its period.
			long reset = (remaining == limit.capacity()) ? 0 : Math.min(untilReset, limit.periodSeconds());
			quotas.add(new RateLimitDecision.Quota(limit, remaining, reset));
		}
		if (probe.isConsumed()) {
			return new RateLimitDecision(RateLimitDecision.Outcome.ALLOWED, tier.name(), quotas, 0);
		}
		this.observer.limited(tier.name());
		long retryAfter = Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
		return new RateLimitDecision(RateLimitDecision.Outcome.LIMITED, tier.name(), quotas, retryAfter);
	}

	private static long ceilSeconds(long nanos) {
		return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
	}

	private RateLimitDecision storeUnavailable(RateLimitTier tier, RuntimeException ex) {
		this.observer.storeUnavailable(tier.name(), this.refuseWhenUnavailable);
		warn(ex);
		if (this.refuseWhenUnavailable) {
			return new RateLimitDecision(RateLimitDecision.Outcome.STORE_UNAVAILABLE, tier.name(), List.of(), 0);
		}
		return RateLimitDecision.unlimited(tier.name());
	}

	/**
	 * One line a minute at most, with the number of requests since the last one: a Redis
	 * outage must not flood the log.
	 */
	private void warn(RuntimeException ex) {
		long count = this.unavailableSinceWarning.incrementAndGet();
		long last = this.lastWarning.get();
		long now = System.nanoTime();
		if (now - last < WARNING_INTERVAL_NANOS || !this.lastWarning.compareAndSet(last, now)) {
			return;
		}
		this.unavailableSinceWarning.addAndGet(-count);
		logger.warn("Rate-limit buckets in Redis are unavailable (" + ex.getClass().getSimpleName() + ": "
				+ ex.getMessage() + "); " + count + " request(s) since the last warning were "
				+ (this.refuseWhenUnavailable ? "refused with 503" : "let through unlimited")
				+ " as mtls.rate-limit.redis.when-unavailable=" + (this.refuseWhenUnavailable ? "refuse" : "allow")
				+ " says. Check spring.data.redis.* and that Redis is running.");
	}

}
