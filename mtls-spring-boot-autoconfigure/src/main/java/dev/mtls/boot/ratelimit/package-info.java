/**
 * Rate-limit tiers per client certificate on Bucket4j: tiers from
 * {@code mtls.rate-limit.*}, assigned by principal, fingerprint or role, with token
 * buckets in memory or, for several instances, in Redis. {@link RateLimiter} decides for
 * any web stack; {@link RateLimitFilter} applies it to servlet requests.
 */
@NullMarked
package dev.mtls.boot.ratelimit;

import org.jspecify.annotations.NullMarked;
