package dev.mtls.boot.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;

/**
 * Where the token buckets live.
 */
interface RateLimitBuckets {

	/**
	 * Take one token from the caller's bucket for a tier.
	 * @param tier the tier
	 * @param configuration the tier's bucket configuration
	 * @param callerKey the caller's key
	 * @return the outcome with the tokens left per limit
	 * @throws RuntimeException when the store cannot be reached
	 */
	VerboseResult<ConsumptionProbe> consume(RateLimitTier tier, BucketConfiguration configuration, String callerKey);

}
