package dev.mtls.boot.actuate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.mtls.boot.actuate.MtlsMaterialInspector.BundleMaterial;
import dev.mtls.boot.pki.CertificateFingerprint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs a WARN when a certificate in use (own chain with its intermediates, trusted CAs)
 * crosses the warning threshold, the critical threshold or its expiry: once per
 * certificate and crossing, at startup and after each reload, never again for a
 * certificate already reported at that level.
 */
class CertificateExpiryWarnings implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(CertificateExpiryWarnings.class);

	private final MtlsMaterialInspector inspector;

	private final Clock clock;

	private final Duration warningThreshold;

	private final @Nullable Duration criticalThreshold;

	private final Map<String, Level> reported = new ConcurrentHashMap<>();

	CertificateExpiryWarnings(MtlsMaterialInspector inspector, MtlsLifecycleRecorder lifecycle, Clock clock,
			Duration warningThreshold, @Nullable Duration criticalThreshold) {
		this.inspector = inspector;
		this.clock = clock;
		this.warningThreshold = warningThreshold;
		this.criticalThreshold = criticalThreshold;
		lifecycle.addListener(new MtlsLifecycleRecorder.Listener() {

			@Override
			public void reloaded(String bundle, boolean success) {
				if (success) {
					check();
				}
			}

		});
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		check();
	}

	void check() {
		try {
			Instant now = this.clock.instant();
			for (BundleMaterial material : this.inspector.all()) {
				String owner = material.client() ? "client '" + material.owner() + "'" : material.owner();
				for (int i = 0; i < material.identity().size(); i++) {
					check(material.identity().get(i), owner + ((i == 0) ? " certificate" : " intermediate CA"),
							material.bundle(), now);
				}
				for (X509Certificate trusted : material.trusted()) {
					check(trusted, owner + " trusted CA", material.bundle(), now);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Unable to check certificate expiry", ex);
		}
	}

	private void check(X509Certificate certificate, String role, String bundle, Instant now) {
		Duration left = Duration.between(now, certificate.getNotAfter().toInstant());
		Level level = level(left);
		if (level == Level.OK) {
			return;
		}
		String fingerprint = CertificateFingerprint.sha256(certificate);
		Level previous = this.reported.get(fingerprint);
		if (previous != null && previous.ordinal() >= level.ordinal()) {
			return;
		}
		this.reported.put(fingerprint, level);
		logger.warn(role + " '" + certificate.getSubjectX500Principal().getName() + "' (SSL bundle " + bundle
				+ ", SHA-256 " + fingerprint + ") " + TimeLeft.describe(left) + ", on "
				+ certificate.getNotAfter().toInstant() + level.explanation(this) + ". Renew it and "
				+ "replace the file; it is reloaded without a restart.");
	}

	private Level level(Duration left) {
		if (left.isNegative()) {
			return Level.EXPIRED;
		}
		if (this.criticalThreshold != null && left.compareTo(this.criticalThreshold) < 0) {
			return Level.CRITICAL;
		}
		if (left.compareTo(this.warningThreshold) < 0) {
			return Level.WARNING;
		}
		return Level.OK;
	}

	private enum Level {

		OK, WARNING, CRITICAL, EXPIRED;

		String explanation(CertificateExpiryWarnings warnings) {
			return switch (this) {
				case WARNING ->
					" (within mtls.expiry.warning-threshold of " + TimeLeft.amount(warnings.warningThreshold) + ")";
				// CRITICAL is only decided with a critical threshold set
				case CRITICAL -> " (within mtls.expiry.critical-threshold of "
						+ TimeLeft.amount(Objects.requireNonNull(warnings.criticalThreshold)) + ": health is DOWN)";
				default -> "";
			};
		}

	}

}
