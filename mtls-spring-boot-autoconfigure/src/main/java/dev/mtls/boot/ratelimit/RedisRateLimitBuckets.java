package dev.mtls.boot.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;

/**
 * Buckets in Redis through Bucket4j's Lettuce integration (compare-and-swap), shared by
 * every instance that uses the same Redis and key prefix. Connects on first use, not at
 * startup, so that an unreachable Redis is handled per request as
 * {@code mtls.rate-limit.redis.when-unavailable} says; after a failed connection attempt
 * the next one waits a second, so that a dead Redis costs requests no connect timeout
 * each.
 */
final class RedisRateLimitBuckets implements RateLimitBuckets, AutoCloseable {

	private static final long RECONNECT_BACKOFF_NANOS = Duration.ofSeconds(1).toNanos();

	private final Supplier<RedisClient> client;

	private final String keyPrefix;

	private final Duration timeout;

	private final Object lock = new Object();

	private volatile @Nullable ProxyManager<byte[]> proxyManager;

	private @Nullable StatefulRedisConnection<byte[], byte[]> connection;

	private long nextAttempt;

	private boolean attempted;

	RedisRateLimitBuckets(Supplier<RedisClient> client, String keyPrefix, Duration timeout) {
		this.client = client;
		this.keyPrefix = keyPrefix;
		this.timeout = timeout;
	}

	@Override
	public VerboseResult<ConsumptionProbe> consume(RateLimitTier tier, BucketConfiguration configuration,
			String callerKey) {
		byte[] key = (this.keyPrefix + tier.name() + ':' + version(tier) + ':' + callerKey)
			.getBytes(StandardCharsets.UTF_8);
		return proxyManager().getProxy(key, () -> configuration).asVerbose().tryConsumeAndReturnRemaining(1);
	}

	/**
	 * A changed tier gets new buckets: Redis keeps the configuration a bucket was created
	 * with. The same on every instance: derived from the configured limits only.
	 */
	private static String version(RateLimitTier tier) {
		return Integer.toHexString(tier.limits().toString().hashCode());
	}

	private ProxyManager<byte[]> proxyManager() {
		ProxyManager<byte[]> manager = this.proxyManager;
		if (manager != null) {
			return manager;
		}
		synchronized (this.lock) {
			if (this.proxyManager != null) {
				return this.proxyManager;
			}
			long now = System.nanoTime();
			if (this.attempted && now - this.nextAttempt < 0) {
				throw new IllegalStateException("Redis was unreachable at the last attempt; retrying shortly");
			}
			this.attempted = true;
			this.nextAttempt = now + RECONNECT_BACKOFF_NANOS;
			StatefulRedisConnection<byte[], byte[]> connected = this.client.get().connect(ByteArrayCodec.INSTANCE);
			connected.setTimeout(this.timeout);
			this.connection = connected;
			manager = Bucket4jLettuce.casBasedBuilder(connected)
				.requestTimeout(this.timeout)
				// Keys vanish once full again: an idle caller leaves nothing behind.
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.build();
			this.proxyManager = manager;
			return manager;
		}
	}

	@Override
	public void close() {
		synchronized (this.lock) {
			if (this.connection != null) {
				this.connection.close();
			}
		}
	}

}
