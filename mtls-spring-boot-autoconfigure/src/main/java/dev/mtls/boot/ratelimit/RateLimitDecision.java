package dev.mtls.boot.ratelimit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rate limiter's answer for one request, with what the response tells the caller.
 *
 * @param outcome whether the request may proceed
 * @param tier the caller's tier, or {@code null} when exempt or in no tier
 * @param quotas the state of each limit of the tier after this request, empty when no
 * limit applied
 * @param retryAfterSeconds for {@link Outcome#LIMITED}, the seconds until the request
 * would pass
 */
public record RateLimitDecision(Outcome outcome, @Nullable String tier, List<Quota> quotas, long retryAfterSeconds) {

	/** Name of the IETF header field describing the tier's limits. */
	public static final String POLICY_HEADER = "RateLimit-Policy";

	/** Name of the IETF header field carrying the remaining quota. */
	public static final String RATE_LIMIT_HEADER = "RateLimit";

	public RateLimitDecision {
		quotas = List.copyOf(quotas);
	}

	static RateLimitDecision unlimited(@Nullable String tier) {
		return new RateLimitDecision(Outcome.UNLIMITED, tier, List.of(), 0);
	}

	/**
	 * Whether the request may proceed.
	 */
	public boolean isAllowed() {
		return this.outcome == Outcome.ALLOWED || this.outcome == Outcome.UNLIMITED;
	}

	/**
	 * Return the {@code RateLimit-Policy} field value, or {@code null} when no limit
	 * applied. Syntax of draft-ietf-httpapi-ratelimit-headers-10 (a structured field list
	 * of quota policies): {@code "gold";q=100;w=60}.
	 */
	public @Nullable String policyHeader() {
		if (this.quotas.isEmpty()) {
			return null;
		}
		StringBuilder value = new StringBuilder();
		for (Quota quota : this.quotas) {
			if (!value.isEmpty()) {
				value.append(", ");
			}
			value.append('"')
				.append(quota.limit().policy())
				.append("\";q=")
				.append(quota.limit().capacity())
				.append(";w=")
				.append(quota.limit().periodSeconds());
		}
		return value.toString();
	}

	/**
	 * Return the {@code RateLimit} field value, or {@code null} when no limit applied.
	 * Syntax of draft-ietf-httpapi-ratelimit-headers-10: per policy the remaining quota
	 * and the seconds until it is restored, {@code "gold";r=42;t=30}.
	 */
	public @Nullable String rateLimitHeader() {
		if (this.quotas.isEmpty()) {
			return null;
		}
		StringBuilder value = new StringBuilder();
		for (Quota quota : this.quotas) {
			if (!value.isEmpty()) {
				value.append(", ");
			}
			value.append('"')
				.append(quota.limit().policy())
				.append("\";r=")
				.append(quota.remaining())
				.append(";t=")
				.append(quota.resetSeconds());
		}
		return value.toString();
	}

	/**
	 * What happens to the request.
	 */
	public enum Outcome {

		/** Within the tier's limits. */
		ALLOWED,

		/** Exempt, in no tier, or let through while the bucket store is unavailable. */
		UNLIMITED,

		/** Over a limit of the tier: 429. */
		LIMITED,

		/** The bucket store cannot be reached and the request is refused: 503. */
		STORE_UNAVAILABLE

	}

	/**
	 * The state of one limit after the request.
	 *
	 * @param limit the limit
	 * @param remaining the requests left
	 * @param resetSeconds the seconds until the limit's full quota is restored
	 */
	public record Quota(RateLimitTier.Limit limit, long remaining, long resetSeconds) {
	}

}
