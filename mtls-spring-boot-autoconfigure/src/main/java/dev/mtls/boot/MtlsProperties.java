package dev.mtls.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Top-level switch of the mutual TLS starter.
 *
 * @see dev.mtls.boot.server.MtlsServerProperties
 */
@ConfigurationProperties("mtls")
public class MtlsProperties {

	/**
	 * Whether the mutual TLS starter is active. When false, nothing of the starter is
	 * configured.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
