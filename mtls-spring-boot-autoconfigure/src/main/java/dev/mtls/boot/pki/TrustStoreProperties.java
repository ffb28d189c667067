package dev.mtls.boot.pki;

import org.jspecify.annotations.Nullable;

/**
 * Where trusted certificates come from: a JKS or PKCS12 trust store, or PEM certificates
 * in a file or a directory. Locations take Spring resource syntax ({@code classpath:},
 * {@code file:}).
 */
public class TrustStoreProperties {

	/**
	 * Location of a JKS or PKCS12 trust store.
	 */
	private @Nullable String location;

	/**
	 * Password of the trust store.
	 */
	private @Nullable String password;

	/**
	 * Type of the trust store, 'PKCS12' or 'JKS'. Detected from the file when not set.
	 */
	private @Nullable String type;

	/**
	 * Location of trusted PEM certificates: a file holding one or more certificates, or a
	 * directory whose '.pem', '.crt' and '.cer' files are read.
	 */
	private @Nullable String certificate;

	public @Nullable String getLocation() {
		return this.location;
	}

	public void setLocation(@Nullable String location) {
		this.location = location;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getType() {
		return this.type;
	}

	public void setType(@Nullable String type) {
		this.type = type;
	}

	public @Nullable String getCertificate() {
		return this.certificate;
	}

	public void setCertificate(@Nullable String certificate) {
		this.certificate = certificate;
	}

	/**
	 * Whether any trust source is configured.
	 * @return true when a trust store location or PEM certificates are set
	 */
	public boolean isConfigured() {
		return (this.location != null && !this.location.isBlank())
				|| (this.certificate != null && !this.certificate.isBlank());
	}

}
