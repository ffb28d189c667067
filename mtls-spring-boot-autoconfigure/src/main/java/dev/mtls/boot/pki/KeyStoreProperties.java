package dev.mtls.boot.pki;

import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

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
	private @Nullable String location;

	/**
	 * Password of the key store.
	 */
	private @Nullable String password;

	/**
	 * Type of the key store, 'PKCS12' or 'JKS'. Detected from the file when not set.
	 */
	private @Nullable String type;

	/**
	 * Alias of the key entry to use. Required when the key store holds several key
	 * entries.
	 */
	private @Nullable String keyAlias;

	/**
	 * Password of the private key in the key store. Defaults to the key store password.
	 */
	private @Nullable String keyPassword;

	/**
	 * Location of a PEM certificate, optionally followed by its intermediate
	 * certificates.
	 */
	private @Nullable String certificate;

	/**
	 * Location of the PEM private key (PKCS#8, PKCS#1 or SEC1) belonging to the
	 * certificate.
	 */
	private @Nullable String privateKey;

	/**
	 * Password of an encrypted PEM private key.
	 */
	private @Nullable String privateKeyPassword;

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

	public @Nullable String getKeyAlias() {
		return this.keyAlias;
	}

	public void setKeyAlias(@Nullable String keyAlias) {
		this.keyAlias = keyAlias;
	}

	public @Nullable String getKeyPassword() {
		return this.keyPassword;
	}

	public void setKeyPassword(@Nullable String keyPassword) {
		this.keyPassword = keyPassword;
	}

	public @Nullable String getCertificate() {
		return this.certificate;
	}

	public void setCertificate(@Nullable String certificate) {
		this.certificate = certificate;
	}

	public @Nullable String getPrivateKey() {
		return this.privateKey;
	}

	public void setPrivateKey(@Nullable String privateKey) {
		this.privateKey = privateKey;
	}

	public @Nullable String getPrivateKeyPassword() {
		return this.privateKeyPassword;
	}

	public void setPrivateKeyPassword(@Nullable String privateKeyPassword) {
		this.privateKeyPassword = privateKeyPassword;
	}

	/**
	 * Whether any identity source is configured.
	 * @return true when a key store location, a PEM certificate or a PEM key is set
	 */
	public boolean isConfigured() {
		return hasText(this.location) || hasText(this.certificate) || hasText(this.privateKey);
	}

	@Contract("null -> false")
	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
