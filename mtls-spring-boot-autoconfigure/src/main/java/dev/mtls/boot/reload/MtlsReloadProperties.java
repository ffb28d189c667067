package dev.mtls.boot.reload;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Hot reload of the server's and the outbound clients' key and trust material.
 */
@ConfigurationProperties("mtls.reload")
public class MtlsReloadProperties {

	/**
	 * Whether to watch the files of the server's and the outbound clients' key and trust
	 * material and apply new material without a restart.
	 */
	private boolean enabled = true;

	/**
	 * Time without further change after a file changed before the material is loaded
	 * again, so that files written in several steps are read once complete.
	 */
	private Duration quietPeriod = Duration.ofSeconds(2);

	/**
	 * Interval of the fallback check of the files, for file systems that report no change
	 * events (network mounts, some container volumes).
	 */
	private Duration period = Duration.ofMinutes(1);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getQuietPeriod() {
		return this.quietPeriod;
	}

	public void setQuietPeriod(Duration quietPeriod) {
		this.quietPeriod = quietPeriod;
	}

	public Duration getPeriod() {
		return this.period;
	}

	public void setPeriod(Duration period) {
		this.period = period;
	}

}
