package dev.mtls.boot.pki;

/**
 * Where trusted certificates come from: a JKS or PKCS12 trust store, or PEM certificates
 * in a file or a directory. Locations take Spring resource syntax ({@code classpath:},
 * {@code file:}).
 */
public class TrustStoreProperties {

	/**
	 * Location of a JKS or PKCS12 trust store.
	 */
	private String location;

	/**
	 * Password of the trust store.
	 */
	private String password;

	/**
	 * Type of the trust store, 'PKCS12' or 'JKS'. Detected from the file when not set.
	 */
	private String type;

	/**
	 * Location of trusted PEM certificates: a file holding one or more certificates, or a
	 * directory whose '.pem', '.crt' and '.cer' files are read.
	 */
	private String certificate;

	public String getLocation() {
		return this.location;
	}

	public void setLocation(String location) {
		this.location = location;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getType() {
		return this.type;
	}

	public void setType(String type) {
		this.type = type;
	}

	public String getCertificate() {
		return this.certificate;
	}

	public void setCertificate(String certificate) {
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
