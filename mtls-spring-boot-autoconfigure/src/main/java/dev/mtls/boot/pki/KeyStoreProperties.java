package dev.mtls.boot.pki;

/**
 * Where an identity (private key and certificate chain) comes from: a JKS or PKCS12 key
 * store, or a PEM certificate and private key. Locations take Spring resource syntax
 * ({@code classpath:}, {@code file:}).
 */
public class KeyStoreProperties {

	/**
	 * Location of a JKS or PKCS12 key store holding the private key and certificate
	 * chain.
	 */
	private String location;

	/**
	 * Password of the key store.
	 */
	private String password;

	/**
	 * Type of the key store, 'PKCS12' or 'JKS'. Detected from the file when not set.
	 */
	private String type;

	/**
	 * Alias of the key entry to use. Required when the key store holds several key
	 * entries.
	 */
	private String keyAlias;

	/**
	 * Password of the private key in the key store. Defaults to the key store password.
	 */
	private String keyPassword;

	/**
	 * Location of a PEM certificate, optionally followed by its intermediate
	 * certificates.
	 */
	private String certificate;

	/**
	 * Location of the PEM private key (PKCS#8, PKCS#1 or SEC1) belonging to the
	 * certificate.
	 */
	private String privateKey;

	/**
	 * Password of an encrypted PEM private key.
	 */
	private String privateKeyPassword;

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

	public String getKeyAlias() {
		return this.keyAlias;
	}

	public void setKeyAlias(String keyAlias) {
		this.keyAlias = keyAlias;
	}

	public String getKeyPassword() {
		return this.keyPassword;
	}

	public void setKeyPassword(String keyPassword) {
		this.keyPassword = keyPassword;
	}

	public String getCertificate() {
		return this.certificate;
	}

	public void setCertificate(String certificate) {
		this.certificate = certificate;
	}

	public String getPrivateKey() {
		return this.privateKey;
	}

	public void setPrivateKey(String privateKey) {
		this.privateKey = privateKey;
	}

	public String getPrivateKeyPassword() {
		return this.privateKeyPassword;
	}

	public void setPrivateKeyPassword(String privateKeyPassword) {
		this.privateKeyPassword = privateKeyPassword;
	}

	/**
	 * Whether any identity source is configured.
	 * @return true when a key store location, a PEM certificate or a PEM key is set
	 */
	public boolean isConfigured() {
		return hasText(this.location) || hasText(this.certificate) || hasText(this.privateKey);
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
