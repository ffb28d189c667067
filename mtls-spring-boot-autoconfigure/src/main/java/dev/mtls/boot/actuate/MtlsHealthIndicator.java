package dev.mtls.boot.actuate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.mtls.boot.actuate.MtlsMaterialInspector.BundleMaterial;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the starter's own material: {@code DOWN} when a certificate of the server's
 * or a client's own chain is expired or not yet valid, or when the server requires client
 * certificates but trusts no valid CA. Certificates that expire within
 * {@code management.health.ssl.certificate-validity-warning-threshold} are listed under
 * {@code expiringSoon} and, as with Boot's SSL health indicator, leave the status
 * {@code UP}.
 */
public class MtlsHealthIndicator extends AbstractHealthIndicator {

	private final MtlsMaterialInspector inspector;

	private final Clock clock;

	private final Duration warningThreshold;

	private final Supplier<List<String>> staleCrls;

	private final @Nullable Duration criticalThreshold;

	MtlsHealthIndicator(MtlsMaterialInspector inspector, Clock clock, Duration warningThreshold) {
		this(inspector, clock, warningThreshold, null, List::of);
	}

	MtlsHealthIndicator(MtlsMaterialInspector inspector, Clock clock, Duration warningThreshold,
			Supplier<List<String>> staleCrls) {
		this(inspector, clock, warningThreshold, null, staleCrls);
	}

	MtlsHealthIndicator(MtlsMaterialInspector inspector, Clock clock, Duration warningThreshold,
			@Nullable Duration criticalThreshold) {
		this(inspector, clock, warningThreshold, criticalThreshold, List::of);
	}

	MtlsHealthIndicator(MtlsMaterialInspector inspector, Clock clock, Duration warningThreshold,
			@Nullable Duration criticalThreshold, Supplier<List<String>> staleCrls) {
		super("mTLS health check failed");
		this.inspector = inspector;
		this.clock = clock;
		this.warningThreshold = warningThreshold;
		this.staleCrls = staleCrls;
		this.criticalThreshold = criticalThreshold;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Instant now = this.clock.instant();
		List<String> invalid = new ArrayList<>();
		List<String> expiring = new ArrayList<>();
		Map<String, Object> clients = new LinkedHashMap<>();
		BundleMaterial server = this.inspector.server();
		if (server != null) {
			builder.withDetail("server", check(server, now, invalid, expiring));
		}
		BundleMaterial proxy = this.inspector.proxy();
		if (proxy != null) {
			builder.withDetail("proxy", check(proxy, now, invalid, expiring));
		}
		for (BundleMaterial client : this.inspector.clients()) {
			clients.put(client.owner(), check(client, now, invalid, expiring));
		}
		if (!clients.isEmpty()) {
			builder.withDetail("clients", clients);
		}
		// A CRL past nextUpdate (+ mtls.revocation.crl-next-update-grace): revocation no
		// longer reflects the CA, and the certificates it covers are soon refused.
		this.staleCrls.get().forEach((stale) -> invalid.add("revocation: " + stale));
		builder.withDetail("invalid", invalid).withDetail("expiringSoon", expiring);
		if (invalid.isEmpty()) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private Map<String, Object> check(BundleMaterial material, Instant now, List<String> invalid,
			List<String> expiring) {
		String owner = material.client() ? "client '" + material.owner() + "'" : material.owner();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("bundle", material.bundle());
		if (!material.identity().isEmpty()) {
			CertificateFacts leaf = facts(material.identity().get(0), now);
			details.put("subject", leaf.subject());
			details.put("notAfter", leaf.notAfter());
			details.put("daysLeft", leaf.daysLeft());
			details.put("status", leaf.status());
		}
		for (X509Certificate certificate : material.identity()) {
			CertificateFacts facts = facts(certificate, now);
			Duration left = Duration.between(now, facts.notAfter());
			if (!facts.status().isValid()) {
				invalid.add(owner + ": certificate '" + facts.subject() + "' is " + facts.status() + " (valid "
						+ facts.notBefore() + " to " + facts.notAfter() + ")");
			}
			else if (this.criticalThreshold != null && left.compareTo(this.criticalThreshold) < 0) {
				invalid.add(owner + ": certificate '" + facts.subject() + "' " + TimeLeft.describe(left) + ", on "
						+ facts.notAfter() + ", within mtls.expiry.critical-threshold");
			}
			else if (facts.status() == CertificateFacts.Status.WILL_EXPIRE_SOON) {
				expiring.add(owner + ": certificate '" + facts.subject() + "' " + TimeLeft.describe(left) + ", on "
						+ facts.notAfter());
			}
		}
		for (X509Certificate certificate : material.trusted()) {
			CertificateFacts facts = facts(certificate, now);
			if (facts.status() == CertificateFacts.Status.WILL_EXPIRE_SOON) {
				expiring.add(owner + ": trusted CA '" + facts.subject() + "' "
						+ TimeLeft.describe(Duration.between(now, facts.notAfter())) + ", on " + facts.notAfter());
			}
		}
		long validTrusted = material.trusted()
			.stream()
			.filter((certificate) -> facts(certificate, now).status().isValid())
			.count();
		details.put("trustedCertificates", material.jdkDefaultTrust() ? "jdk-default" : validTrusted);
		if (material.trustRequired() && validTrusted == 0) {
			invalid.add(owner + ": no valid trusted certificate, every client certificate is refused");
		}
		return details;
	}

	private CertificateFacts facts(X509Certificate certificate, Instant now) {
		return CertificateFacts.of(certificate, now, this.warningThreshold);
	}

}
