package dev.mtls.boot.pki;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads the X.509 entries of a loaded key store the way the JDK's key and trust managers
 * see them.
 */
public final class KeyStoreEntries {

	private KeyStoreEntries() {
	}

	/**
	 * Return the key entry to use: the configured alias, else the first key entry.
	 * @param store the store
	 * @param configuredAlias the configured alias, or {@code null}
	 * @return the alias, or {@code null} when the store holds no key entry
	 * @throws KeyStoreException when the store cannot be read
	 */
	public static @Nullable String keyAlias(KeyStore store, @Nullable String configuredAlias) throws KeyStoreException {
		if (configuredAlias != null) {
			return configuredAlias;
		}
		for (String alias : Collections.list(store.aliases())) {
			if (store.isKeyEntry(alias)) {
				return alias;
			}
		}
		return null;
	}

	/**
	 * Return the X.509 certificate chain of an entry, leaf first.
	 * @param store the store
	 * @param alias the alias, or {@code null}
	 * @return the chain, empty when there is none
	 * @throws KeyStoreException when the store cannot be read
	 */
	public static List<X509Certificate> chain(KeyStore store, @Nullable String alias) throws KeyStoreException {
		return x509((alias != null) ? store.getCertificateChain(alias) : null);
	}

	/**
	 * Return the X.509 certificates of a store: trusted entries and the certificates of
	 * key entries, as the JDK's trust managers use them.
	 * @param store the store
	 * @return the certificates
	 * @throws KeyStoreException when the store cannot be read
	 */
	public static List<X509Certificate> certificates(KeyStore store) throws KeyStoreException {
		List<X509Certificate> certificates = new ArrayList<>();
		for (String alias : Collections.list(store.aliases())) {
			if (store.getCertificate(alias) instanceof X509Certificate x509) {
				certificates.add(x509);
			}
		}
		return certificates;
	}

	static List<X509Certificate> x509(Certificate @Nullable [] chain) {
		if (chain == null) {
			return List.of();
		}
		List<X509Certificate> certificates = new ArrayList<>(chain.length);
		for (Certificate certificate : chain) {
			if (certificate instanceof X509Certificate x509) {
				certificates.add(x509);
			}
		}
		return List.copyOf(certificates);
	}

}
