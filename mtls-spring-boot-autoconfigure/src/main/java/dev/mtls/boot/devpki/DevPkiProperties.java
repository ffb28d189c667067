package dev.mtls.boot.devpki;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Development PKI: a throw-away CA, server and client certificates generated on the fly.
 * Never enable it in production.
 */
@ConfigurationProperties("mtls.dev-pki")
public class DevPkiProperties {

	/**
	 * Default directory of the generated files, under the user's home so that keys never
	 * land in a project's source tree.
	 */
	public static final String DEFAULT_DIRECTORY = "${user.home}/.mtls-dev-pki";

	/**
	 * Whether to generate a development CA, server certificate and client certificates
	 * when no server identity is configured. Never enable it in production.
	 */
	private boolean enabled;

	/**
	 * Directory that holds the generated development PKI. Files are reused on later
	 * starts until they near expiry. Defaults to '.mtls-dev-pki' in the user's home.
	 */
	private @Nullable String directory;

	/**
	 * Path used in the curl command logged at startup.
	 */
	private String curlPath = "/";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getDirectory() {
		return this.directory;
	}

	public void setDirectory(@Nullable String directory) {
		this.directory = directory;
	}

	public String getCurlPath() {
		return this.curlPath;
	}

	public void setCurlPath(String curlPath) {
		this.curlPath = curlPath;
	}

}
