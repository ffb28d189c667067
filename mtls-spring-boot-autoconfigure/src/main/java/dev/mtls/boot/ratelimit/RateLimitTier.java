package dev.mtls.boot.ratelimit;

import java.time.Duration;
import java.util.List;

/**
 * A rate-limit tier: its name and the limits a request must all pass.
 *
 * @param name the tier's name as configured under {@code mtls.rate-limit.tiers}
 * @param limits the limits, at least one
 */
public record RateLimitTier(String name, List<Limit> limits) {

	public RateLimitTier {
		limits = List.copyOf(limits);
	}

	/**
	 * One limit of a tier.
	 *
	 * @param policy the policy name in the {@code RateLimit-Policy} header field
	 * @param capacity the requests allowed per period
	 * @param period the period
	 */
	public record Limit(String policy, long capacity, Duration period) {

		/**
		 * Return the period in whole seconds (at least one), as the header fields carry
		 * it.
		 */
		long periodSeconds() {
			return Math.max(1, (this.period.toMillis() + 999) / 1000);
		}

	}

}
