package dev.mtls.boot.pki;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ResourceLoader;
import org.springframework.lang.Contract;

/**
 * Loads trust anchors described by {@link TrustStoreProperties}.
 */
public final class TrustMaterialLoader {

	private final ResourceLoader resourceLoader;

	public TrustMaterialLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	/**
	 * Load the trust anchors configured under {@code prefix}.
	 * @param prefix the property prefix, e.g. {@code mtls.server.truststore}
	 * @param properties the properties bound from that prefix
	 * @return the trust material, or {@code null} when none is configured
	 * @throws MtlsMaterialException when the configured material cannot be used or holds
	 * no certificate
	 */
	public @Nullable TrustMaterial load(String prefix, TrustStoreProperties properties) {
		return load(prefix, properties, false);
	}

	/**
	 * Load the trust anchors configured under {@code prefix} again after their files
	 * changed. Unlike {@link #load}, a trust directory that no longer holds any
	 * certificate file yields material without certificates, which trusts nobody:
	 * deleting the last CA file of a directory refuses its clients rather than keeping
	 * the CA. Anything else that holds no certificate (an empty or half-written file, an
	 * empty store) is still refused.
	 * @param prefix the property prefix, e.g. {@code mtls.server.truststore}
	 * @param properties the properties bound from that prefix
	 * @return the trust material, or {@code null} when none is configured
	 * @throws MtlsMaterialException when the configured material cannot be used
	 */
	public @Nullable TrustMaterial reload(String prefix, TrustStoreProperties properties) {
		return load(prefix, properties, true);
	}

	private @Nullable TrustMaterial load(String prefix, TrustStoreProperties properties, boolean allowEmptyDirectory) {
		boolean store = hasText(properties.getLocation());
		boolean pem = hasText(properties.getCertificate());
		if (store && pem) {
			throw new MtlsMaterialException(prefix + ".location",
					"both a trust store (" + prefix + ".location) and PEM certificates (" + prefix
							+ ".certificate) are configured",
					"Configure trusted certificates either as a trust store or as PEM, not both.");
		}
		if (store) {
			return loadStore(prefix, properties);
		}
		if (pem) {
			return loadPem(prefix, properties, allowEmptyDirectory);
		}
		return null;
	}

	private TrustMaterial loadStore(String prefix, TrustStoreProperties properties) {
		MaterialResource resource = MaterialResource.of(this.resourceLoader, prefix + ".location",
				Objects.requireNonNull(properties.getLocation()));
		KeyStore trustStore = KeyStoreFile.load(resource, properties.getType(), properties.getPassword(),
				prefix + ".password", prefix + ".type");
		List<X509Certificate> certificates;
		try {
			certificates = KeyStoreEntries.certificates(trustStore);
		}
		catch (GeneralSecurityException ex) {
			throw new MtlsMaterialException(prefix + ".location",
					"'" + resource.location() + "' cannot be listed (" + ex.getMessage() + ")",
					"Check the trust store.", ex);
		}
		if (certificates.isEmpty() && !hasText(properties.getPassword())) {
			// PKCS12 stores usually encrypt their certificates: without the password the
			// JDK silently shows none.
			throw new MtlsMaterialException(prefix + ".password",
					"'" + resource.location() + "' shows no certificate without a password (PKCS12 stores "
							+ "usually encrypt their certificates, which cannot be read without it)",
					"Set " + prefix + ".password to the password the store was created with.");
		}
		return new TrustMaterial(trustStore, requireCertificates(resource, certificates));
	}

	private TrustMaterial loadPem(String prefix, TrustStoreProperties properties, boolean allowEmptyDirectory) {
		MaterialResource resource = MaterialResource.of(this.resourceLoader, prefix + ".certificate",
				Objects.requireNonNull(properties.getCertificate()));
		List<Path> files = resource.certificateFilesIfDirectory();
		if (files != null && files.isEmpty() && allowEmptyDirectory) {
			return new TrustMaterial(InMemoryKeyStores.withCertificates(List.of(NoClientCaAnchor.certificate())),
					List.of());
		}
		List<X509Certificate> certificates = new ArrayList<>();
		if (files == null) {
			certificates.addAll(PemCertificates.read(resource));
		}
		else {
			for (Path file : files) {
				certificates.addAll(PemCertificates.read(resource.file(file)));
			}
		}
		certificates = requireCertificates(resource, certificates);
		return new TrustMaterial(InMemoryKeyStores.withCertificates(certificates), certificates);
	}

	private static List<X509Certificate> requireCertificates(MaterialResource resource,
			List<X509Certificate> certificates) {
		if (certificates.isEmpty()) {
			throw new MtlsMaterialException(resource.property(),
					"'" + resource.location() + "' holds no certificate to trust",
					"Add the CA certificates that issue the trusted certificates to " + resource.property() + ".");
		}
		return List.copyOf(certificates);
	}

	@Contract("null -> false")
	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
