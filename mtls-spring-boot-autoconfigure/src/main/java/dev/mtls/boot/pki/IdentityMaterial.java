package dev.mtls.boot.pki;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A loaded identity: a key store holding one usable key entry, and that entry's
 * certificate chain (leaf first).
 *
 * @param keyStore the key store
 * @param keyStorePassword the key store password
 * @param alias the alias of the key entry
 * @param keyPassword the password of the key entry
 * @param chain the certificate chain, leaf first
 */
public record IdentityMaterial(KeyStore keyStore, @Nullable String keyStorePassword, String alias,
		@Nullable String keyPassword, List<X509Certificate> chain) {

	/**
	 * Return the leaf certificate.
	 * @return the certificate that identifies this party
	 */
	public X509Certificate certificate() {
		return this.chain.get(0);
	}

}
