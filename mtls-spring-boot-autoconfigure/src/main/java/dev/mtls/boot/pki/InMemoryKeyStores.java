package dev.mtls.boot.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * Key stores built in memory from PEM material, so that PEM and key store files reach
 * Tomcat and the HTTP clients the same way.
 */
final class InMemoryKeyStores {

	private static final SecureRandom RANDOM = new SecureRandom();

	private InMemoryKeyStores() {
	}

	/**
	 * A password for an in-memory store; it protects nothing at rest, but the JDK's key
	 * stores require one for key entries.
	 */
	static String newPassword() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * A JKS store, not PKCS12: Tomcat copies a PKCS#8 key into a new store of the same
	 * type before its key manager reads it (whatever the alias), and the JDK's PKCS12
	 * store encrypts the copy with 10,000 PBKDF2 iterations and decrypts it with as many
	 * again, some 50 to 100 ms of startup CPU per server certificate and per reload. JKS
	 * does neither; the store never leaves memory, where the key is in clear anyway.
	 */
	static KeyStore withKeyEntry(String alias, PrivateKey key, String password, List<X509Certificate> chain) {
		KeyStore keyStore = empty("JKS");
		try {
			keyStore.setKeyEntry(alias, key, password.toCharArray(), chain.toArray(new X509Certificate[0]));
			return keyStore;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to store private key in memory: " + ex.getMessage(), ex);
		}
	}

	static KeyStore withCertificates(List<X509Certificate> certificates) {
		KeyStore keyStore = empty("PKCS12");
		try {
			for (int i = 0; i < certificates.size(); i++) {
				keyStore.setCertificateEntry("trusted-" + i, certificates.get(i));
			}
			return keyStore;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to store certificates in memory: " + ex.getMessage(), ex);
		}
	}

	private static KeyStore empty(String type) {
		try {
			KeyStore keyStore = KeyStore.getInstance(type);
			keyStore.load(null, null);
			return keyStore;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Unable to create an in-memory " + type + " key store: " + ex.getMessage(),
					ex);
		}
	}

}
