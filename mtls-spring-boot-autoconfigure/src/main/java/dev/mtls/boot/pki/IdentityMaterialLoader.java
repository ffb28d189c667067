package dev.mtls.boot.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.ResourceLoader;
import org.springframework.lang.Contract;

/**
 * Loads an identity described by {@link KeyStoreProperties}, checking everything that
 * would otherwise fail later, obscurely, in the middle of a TLS handshake.
 */
public final class IdentityMaterialLoader {

	static final String IN_MEMORY_ALIAS = "mtls";

	private final ResourceLoader resourceLoader;

	public IdentityMaterialLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	/**
	 * Load the identity configured under {@code prefix}.
	 * @param prefix the property prefix, e.g. {@code mtls.server.keystore}
	 * @param properties the properties bound from that prefix
	 * @return the identity, or {@code null} when none is configured
	 * @throws MtlsMaterialException when the configured material cannot be used
	 */
	public @Nullable IdentityMaterial load(String prefix, KeyStoreProperties properties) {
		boolean store = hasText(properties.getLocation());
		boolean pem = hasText(properties.getCertificate()) || hasText(properties.getPrivateKey());
		if (store && pem) {
			throw new MtlsMaterialException(prefix + ".location",
					"both a key store (" + prefix + ".location) and PEM files (" + prefix + ".certificate, " + prefix
							+ ".private-key) are configured",
					"Configure the identity either as a key store or as PEM files, not both.");
		}
		if (store) {
			return loadKeyStore(prefix, properties);
		}
		if (pem) {
			return loadPem(prefix, properties);
		}
		return null;
	}

	private IdentityMaterial loadKeyStore(String prefix, KeyStoreProperties properties) {
		MaterialResource resource = MaterialResource.of(this.resourceLoader, prefix + ".location",
				Objects.requireNonNull(properties.getLocation()));
		KeyStore keyStore = KeyStoreFile.load(resource, properties.getType(), properties.getPassword(),
				prefix + ".password", prefix + ".type");
		String alias = selectAlias(prefix, resource, keyStore, properties.getKeyAlias());
		String keyPassword = (properties.getKeyPassword() != null) ? properties.getKeyPassword()
				: properties.getPassword();
		try {
			Key key = keyStore.getKey(alias, (keyPassword != null) ? keyPassword.toCharArray() : new char[0]);
			if (!(key instanceof PrivateKey)) {
				throw new MtlsMaterialException(prefix + ".key-alias", "entry '" + alias + "' holds no private key",
						"Set " + prefix + ".key-alias to an entry with a private key.");
			}
			List<X509Certificate> chain = KeyStoreEntries.chain(keyStore, alias);
			if (chain.isEmpty()) {
				throw new MtlsMaterialException(prefix + ".key-alias",
						"entry '" + alias + "' has no X.509 certificate chain",
						"Store the private key together with its certificate chain.");
			}
			requireMatchingKey(prefix + ".key-alias", (PrivateKey) key, chain.get(0));
			return new IdentityMaterial(keyStore, properties.getPassword(), alias, keyPassword, chain);
		}
		catch (UnrecoverableKeyException ex) {
			String property = (properties.getKeyPassword() != null) ? prefix + ".key-password" : prefix + ".password";
			throw new MtlsMaterialException(property,
					"password does not unlock the private key '" + alias + "' in '" + resource.location() + "'",
					"Set " + prefix + ".key-password to the key's password (it defaults to " + prefix + ".password).",
					ex);
		}
		catch (GeneralSecurityException ex) {
			throw new MtlsMaterialException(prefix + ".location", "private key '" + alias + "' cannot be read from '"
					+ resource.location() + "' (" + ex.getMessage() + ")", "Check the key store.", ex);
		}
	}

	private String selectAlias(String prefix, MaterialResource resource, KeyStore keyStore,
			@Nullable String configuredAlias) {
		try {
			List<String> keyAliases = new ArrayList<>();
			for (String alias : Collections.list(keyStore.aliases())) {
				if (keyStore.isKeyEntry(alias)) {
					keyAliases.add(alias);
				}
			}
			if (hasText(configuredAlias)) {
				if (!keyStore.containsAlias(configuredAlias) || !keyStore.isKeyEntry(configuredAlias)) {
					throw new MtlsMaterialException(prefix + ".key-alias",
							"alias '" + configuredAlias + "' is not a key entry of '" + resource.location()
									+ "' (key entries: " + keyAliases + ")",
							"Set " + prefix + ".key-alias to one of " + keyAliases + ".");
				}
				return configuredAlias;
			}
			if (keyAliases.isEmpty()) {
				throw new MtlsMaterialException(prefix + ".location",
						"'" + resource.location() + "' holds no private key entry",
						"Use a key store that contains the private key and certificate chain of this identity.");
			}
			if (keyAliases.size() > 1) {
				throw new MtlsMaterialException(prefix + ".key-alias", "'" + resource.location()
						+ "' holds several key entries " + keyAliases + " and none is selected",
						"Set " + prefix + ".key-alias to the entry to use.");
			}
			return keyAliases.get(0);
		}
		catch (GeneralSecurityException ex) {
			throw new MtlsMaterialException(prefix + ".location",
					"'" + resource.location() + "' cannot be listed (" + ex.getMessage() + ")", "Check the key store.",
					ex);
		}
	}

	private IdentityMaterial loadPem(String prefix, KeyStoreProperties properties) {
		String certificateProperty = prefix + ".certificate";
		String keyProperty = prefix + ".private-key";
		if (!hasText(properties.getCertificate())) {
			throw new MtlsMaterialException(certificateProperty, "a PEM private key is configured but no certificate",
					"Set " + certificateProperty + " to the PEM certificate (chain) of " + keyProperty + ".");
		}
		if (!hasText(properties.getPrivateKey())) {
			throw new MtlsMaterialException(keyProperty, "a PEM certificate is configured but no private key",
					"Set " + keyProperty + " to the PEM private key of " + certificateProperty + ".");
		}
		MaterialResource certificateResource = MaterialResource.of(this.resourceLoader, certificateProperty,
				properties.getCertificate());
		List<X509Certificate> chain = PemCertificates.read(certificateResource);
		MaterialResource keyResource = MaterialResource.of(this.resourceLoader, keyProperty,
				properties.getPrivateKey());
		PrivateKey privateKey = readPrivateKey(prefix, keyResource, properties.getPrivateKeyPassword());
		requireMatchingKey(keyProperty, privateKey, chain.get(0));
		String password = InMemoryKeyStores.newPassword();
		KeyStore keyStore = InMemoryKeyStores.withKeyEntry(IN_MEMORY_ALIAS, privateKey, password, chain);
		return new IdentityMaterial(keyStore, password, IN_MEMORY_ALIAS, password, List.copyOf(chain));
	}

	private PrivateKey readPrivateKey(String prefix, MaterialResource resource, @Nullable String password) {
		String text = new String(resource.read(), StandardCharsets.UTF_8);
		String passwordProperty = prefix + ".private-key-password";
		boolean encrypted = text.contains("ENCRYPTED");
		if (encrypted && password == null) {
			throw new MtlsMaterialException(passwordProperty,
					"private key '" + resource.location() + "' is encrypted and no password is set",
					"Set " + passwordProperty + " to the key's password.");
		}
		PrivateKey key;
		try {
			key = PemContent.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
				.getPrivateKey(password);
		}
		catch (IOException | RuntimeException ex) {
			if (encrypted) {
				throw new MtlsMaterialException(passwordProperty,
						"private key '" + resource.location() + "' cannot be decrypted with the configured password",
						"Set " + passwordProperty + " to the key's password.", ex);
			}
			throw unparseable(resource, "a PEM private key", ex);
		}
		if (key == null) {
			throw unparseable(resource, "a PEM private key", null);
		}
		return key;
	}

	static MtlsMaterialException unparseable(MaterialResource resource, String expected, @Nullable Exception cause) {
		return new MtlsMaterialException(resource.property(),
				"'" + resource.location() + "' does not contain " + expected
						+ ((cause != null) ? " (" + cause.getMessage() + ")" : ""),
				"Check that " + resource.property() + " points to " + expected
						+ " ('-----BEGIN ...-----' blocks) and that the file is complete.",
				cause);
	}

	private static void requireMatchingKey(String property, PrivateKey privateKey, X509Certificate certificate) {
		if (!KeyPairMatch.matches(privateKey, certificate.getPublicKey())) {
			throw new MtlsMaterialException(property,
					"private key does not belong to certificate '" + certificate.getSubjectX500Principal().getName()
							+ "'",
					"Configure the private key that was used to create the certificate's request; a renewed "
							+ "certificate usually comes with a new key.");
		}
	}

	@Contract("null -> false")
	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
