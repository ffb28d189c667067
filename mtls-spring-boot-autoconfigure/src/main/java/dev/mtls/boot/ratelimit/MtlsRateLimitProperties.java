package dev.mtls.boot.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate-limit tiers per client certificate.
 */
@ConfigurationProperties("mtls.rate-limit")
public class MtlsRateLimitProperties {

	/**
	 * Whether to hold authenticated callers to the request rates of their tier.
	 */
	private boolean enabled;

	/**
	 * Tiers by name, each with its limits and the callers assigned to it, e.g.
	 * 'mtls.rate-limit.tiers.basic.limits[0].capacity=5' and
	 * 'mtls.rate-limit.tiers.basic.principals=alice'. A caller is in the first tier that
	 * names its fingerprint, else the first that names its principal, else the first that
	 * names one of its roles.
	 */
	private Map<String, Tier> tiers = new LinkedHashMap<>();

	/**
	 * Tier of authenticated callers that no tier names. Without it such callers are not
	 * limited.
	 */
	private @Nullable String defaultTier;

	/**
	 * Callers never limited, whatever tier names them.
	 */
	private Assignment exempt = new Assignment();

	/**
	 * Where the token buckets live: 'memory' (this instance only) or 'redis' (shared by
	 * every instance through the spring.data.redis.* connection).
	 */
	private Store store = Store.MEMORY;

	/**
	 * Maximum number of callers whose buckets are kept in memory; the least recently seen
	 * beyond it start afresh.
	 */
	private int cacheSize = 100_000;

	private final Redis redis = new Redis();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, Tier> getTiers() {
		return this.tiers;
	}

	public void setTiers(Map<String, Tier> tiers) {
		this.tiers = tiers;
	}

	public @Nullable String getDefaultTier() {
		return this.defaultTier;
	}

	public void setDefaultTier(@Nullable String defaultTier) {
		this.defaultTier = defaultTier;
	}

	public Assignment getExempt() {
		return this.exempt;
	}

	public void setExempt(Assignment exempt) {
		this.exempt = exempt;
	}

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public int getCacheSize() {
		return this.cacheSize;
	}

	public void setCacheSize(int cacheSize) {
		this.cacheSize = cacheSize;
	}

	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * Where the token buckets live.
	 */
	public enum Store {

		/**
		 * In this instance's memory.
		 */
		MEMORY,

		/**
		 * In Redis, shared by every instance.
		 */
		REDIS

	}

	/**
	 * What to do with a request when Redis cannot be asked.
	 */
	public enum Unavailable {

		/**
		 * Refuse it with 503 Service Unavailable.
		 */
		REFUSE,

		/**
		 * Let it through unlimited.
		 */
		ALLOW

	}

	/**
	 * Callers named by fingerprint, principal or role.
	 */
	public static class Assignment {

		/**
		 * Principal names, as mtls.auth.principal selects them.
		 */
		private List<String> principals = new ArrayList<>();

		/**
		 * SHA-256 fingerprints of client certificates. Any case, colons optional.
		 */
		private List<String> fingerprints = new ArrayList<>();

		/**
		 * Roles, without the 'ROLE_' prefix.
		 */
		private List<String> roles = new ArrayList<>();

		public List<String> getPrincipals() {
			return this.principals;
		}

		public void setPrincipals(List<String> principals) {
			this.principals = principals;
		}

		public List<String> getFingerprints() {
			return this.fingerprints;
		}

		public void setFingerprints(List<String> fingerprints) {
			this.fingerprints = fingerprints;
		}

		public List<String> getRoles() {
			return this.roles;
		}

		public void setRoles(List<String> roles) {
			this.roles = roles;
		}

	}

	/**
	 * A tier: its limits, all of which a request must pass, and the callers in it.
	 */
	public static class Tier extends Assignment {

		/**
		 * Limits of the tier, e.g. 100 per minute and 10 per second.
		 */
		private List<Limit> limits = new ArrayList<>();

		public List<Limit> getLimits() {
			return this.limits;
		}

		public void setLimits(List<Limit> limits) {
			this.limits = limits;
		}

	}

	/**
	 * A quota: up to capacity requests per period, the period starting with the caller's
	 * first request and the whole quota coming back at its end.
	 */
	public static class Limit {

		/**
		 * Number of requests allowed per period.
		 */
		private long capacity;

		/**
		 * Period over which capacity requests are allowed.
		 */
		private Duration period = Duration.ofMinutes(1);

		/**
		 * Name of the limit in the RateLimit-Policy header field. Defaults to the tier
		 * name, followed by the limit's index when the tier has several.
		 */
		private @Nullable String name;

		public long getCapacity() {
			return this.capacity;
		}

		public void setCapacity(long capacity) {
			this.capacity = capacity;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

	}

	/**
	 * Buckets in Redis.
	 */
	public static class Redis {

		/**
		 * Prefix of the Redis keys holding the buckets.
		 */
		private String keyPrefix = "mtls:rate-limit:";

		/**
		 * How long a request waits for Redis before Redis counts as unavailable.
		 */
		private Duration timeout = Duration.ofSeconds(1);

		/**
		 * What to do with a request when Redis cannot be reached: 'refuse' (503) or
		 * 'allow' (unlimited). Either way it is logged and counted.
		 */
		private Unavailable whenUnavailable = Unavailable.REFUSE;

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Unavailable getWhenUnavailable() {
			return this.whenUnavailable;
		}

		public void setWhenUnavailable(Unavailable whenUnavailable) {
			this.whenUnavailable = whenUnavailable;
		}

	}

}
