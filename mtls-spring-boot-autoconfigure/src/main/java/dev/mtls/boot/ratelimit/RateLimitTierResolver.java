package dev.mtls.boot.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mtls.boot.pki.CertificateFingerprint;
import dev.mtls.boot.pki.MtlsMaterialException;
import org.jspecify.annotations.Nullable;

/**
 * Finds a caller's tier from {@code mtls.rate-limit.*}: exempt callers first, then the
 * first tier naming the caller's fingerprint, then its principal, then one of its roles,
 * else the default tier. Validates the tiers once, at startup, so that a typo stops the
 * application instead of leaving callers unlimited.
 */
final class RateLimitTierResolver {

	private final Map<String, RateLimitTier> tiers = new LinkedHashMap<>();

	private final Map<String, RateLimitTier> byFingerprint = new LinkedHashMap<>();

	private final Map<String, RateLimitTier> byPrincipal = new LinkedHashMap<>();

	private final Map<String, RateLimitTier> byRole = new LinkedHashMap<>();

	private final @Nullable RateLimitTier defaultTier;

	private final Set<String> exemptFingerprints = new HashSet<>();

	private final Set<String> exemptPrincipals = new HashSet<>();

	private final Set<String> exemptRoles = new HashSet<>();

	RateLimitTierResolver(MtlsRateLimitProperties properties) {
		if (properties.getTiers().isEmpty()) {
			throw new MtlsMaterialException("mtls.rate-limit.tiers", "rate limiting is enabled but defines no tier",
					"Define a tier, e.g. mtls.rate-limit.tiers.basic.limits[0].capacity=100 and "
							+ "mtls.rate-limit.default-tier=basic, or set mtls.rate-limit.enabled=false.");
		}
		properties.getTiers().forEach((name, tier) -> {
			RateLimitTier resolved = tier(name, tier);
			this.tiers.put(name, resolved);
			String property = "mtls.rate-limit.tiers." + name;
			tier.getFingerprints()
				.forEach((fingerprint) -> assign(this.byFingerprint, CertificateFingerprint.normalize(fingerprint),
						resolved, property + ".fingerprints"));
			tier.getPrincipals()
				.forEach((principal) -> assign(this.byPrincipal, principal, resolved, property + ".principals"));
			tier.getRoles().forEach((role) -> this.byRole.putIfAbsent(role, resolved));
		});
		String defaultName = properties.getDefaultTier();
		if (defaultName != null && !defaultName.isBlank()) {
			this.defaultTier = this.tiers.get(defaultName.trim());
			if (this.defaultTier == null) {
				throw new MtlsMaterialException("mtls.rate-limit.default-tier",
						"names tier '" + defaultName + "', which is not defined",
						"Use one of " + this.tiers.keySet() + " or define mtls.rate-limit.tiers." + defaultName + ".");
			}
		}
		else {
			this.defaultTier = null;
		}
		MtlsRateLimitProperties.Assignment exempt = properties.getExempt();
		exempt.getFingerprints().forEach((fp) -> this.exemptFingerprints.add(CertificateFingerprint.normalize(fp)));
		this.exemptPrincipals.addAll(exempt.getPrincipals());
		this.exemptRoles.addAll(exempt.getRoles());
	}

	private static RateLimitTier tier(String name, MtlsRateLimitProperties.Tier tier) {
		String property = "mtls.rate-limit.tiers." + name + ".limits";
		if (tier.getLimits().isEmpty()) {
			throw new MtlsMaterialException(property, "tier '" + name + "' has no limit",
					"Give it at least one limit: " + property + "[0].capacity=100 and " + property + "[0].period=1m.");
		}
		List<RateLimitTier.Limit> limits = new ArrayList<>();
		for (int i = 0; i < tier.getLimits().size(); i++) {
			MtlsRateLimitProperties.Limit limit = tier.getLimits().get(i);
			Duration period = limit.getPeriod();
			if (limit.getCapacity() <= 0) {
				throw new MtlsMaterialException(property + "[" + i + "].capacity",
						"must be a positive number of requests, got " + limit.getCapacity(),
						"Set the number of requests allowed per period, e.g. 100.");
			}
			if (period.isNegative() || period.isZero()) {
				throw new MtlsMaterialException(property + "[" + i + "].period", "must be positive, got " + period,
						"Set the period, e.g. 1m or 1s.");
			}
			String policy = (limit.getName() != null && !limit.getName().isBlank()) ? limit.getName()
					: (tier.getLimits().size() == 1) ? name : name + "-" + i;
			limits.add(new RateLimitTier.Limit(policy, limit.getCapacity(), period));
		}
		return new RateLimitTier(name, limits);
	}

	private static void assign(Map<String, RateLimitTier> assignments, String key, RateLimitTier tier,
			String property) {
		RateLimitTier previous = assignments.putIfAbsent(key, tier);
		if (previous != null && previous != tier) {
			throw new MtlsMaterialException(property,
					"'" + key + "' is in tier '" + previous.name() + "' and in tier '" + tier.name() + "'",
					"Name a caller in one tier only.");
		}
	}

	/**
	 * Return the caller's tier, or {@code null} when it is exempt or in no tier.
	 */
	@Nullable RateLimitTier resolve(RateLimitCaller caller) {
		String fingerprint = caller.fingerprint();
		if (fingerprint != null && this.exemptFingerprints.contains(fingerprint)) {
			return null;
		}
		for (String principal : caller.principal()) {
			if (this.exemptPrincipals.contains(principal)) {
				return null;
			}
		}
		for (String role : caller.roles()) {
			if (this.exemptRoles.contains(role)) {
				return null;
			}
		}
		if (fingerprint != null) {
			RateLimitTier tier = this.byFingerprint.get(fingerprint);
			if (tier != null) {
				return tier;
			}
		}
		for (String principal : caller.principal()) {
			RateLimitTier tier = this.byPrincipal.get(principal);
			if (tier != null) {
				return tier;
			}
		}
		if (!this.byRole.isEmpty()) {
			// First tier in declaration order that names one of the caller's roles.
			for (Map.Entry<String, RateLimitTier> entry : this.byRole.entrySet()) {
				if (caller.roles().contains(entry.getKey())) {
					return entry.getValue();
				}
			}
		}
		return this.defaultTier;
	}

	Map<String, RateLimitTier> tiers() {
		return this.tiers;
	}

}
