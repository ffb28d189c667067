package dev.mtls.boot.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.spec.PBEParameterSpec;

/**
 * PKCS12 key stores built in memory from PEM material, so that PEM and key store files
 * reach Tomcat and the HTTP clients the same way.
 */
final class InMemoryKeyStores {

	private static final SecureRandom RANDOM = new SecureRandom();

	private InMemoryKeyStores() {
	}

	/**
	 * A password for an in-memory store; it protects nothing at rest, but the JDK's
	 * PKCS12 implementation requires one for key entries.
	 */
	static String newPassword() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	static KeyStore withKeyEntry(String alias, PrivateKey key, String password, List<X509Certificate> chain) {
		KeyStore keyStore = empty();
		try {
			keyStore.setEntry(alias, new KeyStore.PrivateKeyEntry(key, chain.toArray(new X509Certificate[0])),
					inMemoryProtection(password));
			return keyStore;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to store private key in memory: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The JDK's PKCS12 store encrypts a key entry with 10,000 PBKDF2 iterations when it
	 * is stored and again when a key manager reads it, some 100 ms of startup CPU per key
	 * store. A store that never leaves memory gains nothing from them: one iteration.
	 */
	private static KeyStore.PasswordProtection inMemoryProtection(String password) {
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		return new KeyStore.PasswordProtection(password.toCharArray(), "PBEWithHmacSHA256AndAES_256",
				new PBEParameterSpec(salt, 1));
	}

	static KeyStore withCertificates(List<X509Certificate> certificates) {
		KeyStore keyStore = empty();
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

	private static KeyStore empty() {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			return keyStore;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Unable to create an in-memory PKCS12 key store: " + ex.getMessage(), ex);
		}
	}

}
