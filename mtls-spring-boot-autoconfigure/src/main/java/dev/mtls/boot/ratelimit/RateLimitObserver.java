package dev.mtls.boot.ratelimit;

/**
 * Told of refused requests and of an unavailable bucket store, e.g. to count them.
 */
interface RateLimitObserver {

	RateLimitObserver NONE = new RateLimitObserver() {
	};

	/**
	 * A request over its tier's limits was refused.
	 * @param tier the tier
	 */
	default void limited(String tier) {
	}

	/**
	 * The bucket store could not be asked about a request.
	 * @param tier the tier
	 * @param refused whether the request was refused ({@code false}: let through)
	 */
	default void storeUnavailable(String tier, boolean refused) {
	}

}
