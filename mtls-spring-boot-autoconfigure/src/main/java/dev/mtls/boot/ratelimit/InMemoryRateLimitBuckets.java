package dev.mtls.boot.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Buckets in this instance's memory, bounded in number; a bucket unused for longer than
 * the longest period is full again anyway, so it is dropped.
 */
final class InMemoryRateLimitBuckets implements RateLimitBuckets {

	private final Cache<String, Bucket> buckets;

	InMemoryRateLimitBuckets(int maximumSize, Duration longestPeriod) {
		this.buckets = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(longestPeriod).build();
	}

	@Override
	public VerboseResult<ConsumptionProbe> consume(RateLimitTier tier, BucketConfiguration configuration,
			String callerKey) {
		Bucket bucket = this.buckets.get(tier.name() + ':' + callerKey, (key) -> newBucket(configuration));
		return bucket.asVerbose().tryConsumeAndReturnRemaining(1);
	}

	private static Bucket newBucket(BucketConfiguration configuration) {
		LocalBucketBuilder builder = Bucket.builder();
		for (Bandwidth bandwidth : configuration.getBandwidths()) {
			builder.addLimit(bandwidth);
		}
		return builder.build();
	}

}
