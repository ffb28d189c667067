package dev.mtls.boot.ratelimit;

import java.util.Collection;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the rate limiter needs to know of an authenticated caller, whatever the web stack.
 *
 * @param principal the principal name(s) to match tiers against: the certificate's
 * principal and, when another authentication (a bearer token) names the caller
 * differently, that name too
 * @param fingerprint the SHA-256 fingerprint of the client certificate (lower-case hex),
 * or {@code null} without one
 * @param roles the caller's roles without the {@code ROLE_} prefix
 */
public record RateLimitCaller(Set<String> principal, @Nullable String fingerprint, Collection<String> roles) {

	/**
	 * Return the key of the caller's buckets: its first principal name (the certificate's
	 * principal when it has one), as roles are keyed, so that a client keeps its quota
	 * across a certificate renewal and a second certificate does not double it.
	 */
	String key() {
		return "principal:" + this.principal.iterator().next();
	}

}
