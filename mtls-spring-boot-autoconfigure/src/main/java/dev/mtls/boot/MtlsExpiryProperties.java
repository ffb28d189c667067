package dev.mtls.boot;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When certificates count as expiring: one threshold for the WARN log, the {@code mtls}
 * health contributor and the {@code mtls} endpoint.
 */
@ConfigurationProperties("mtls.expiry")
public class MtlsExpiryProperties {

	/**
	 * Time before expiry from which an own, intermediate or trusted certificate is
	 * reported as expiring (WARN once per certificate, health detail 'expiringSoon',
	 * endpoint status WILL_EXPIRE_SOON). Defaults to
	 * 'management.health.ssl.certificate-validity-warning-threshold', else 14 days.
	 */
	private @Nullable Duration warningThreshold;

	/**
	 * Time before expiry from which an own or intermediate certificate turns the 'mtls'
	 * health contributor DOWN, so that an orchestrator stops routing to an instance about
	 * to fail. Unset: expiring certificates never turn health DOWN before they expire.
	 */
	private @Nullable Duration criticalThreshold;

	public @Nullable Duration getWarningThreshold() {
		return this.warningThreshold;
	}

	public void setWarningThreshold(@Nullable Duration warningThreshold) {
		this.warningThreshold = warningThreshold;
	}

	public @Nullable Duration getCriticalThreshold() {
		return this.criticalThreshold;
	}

	public void setCriticalThreshold(@Nullable Duration criticalThreshold) {
		this.criticalThreshold = criticalThreshold;
	}

}
