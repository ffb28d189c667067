package dev.mtls.boot.server;

import java.security.KeyStoreException;

import dev.mtls.boot.pki.IdentityMaterial;
import dev.mtls.boot.pki.IdentityMaterialLoader;
import dev.mtls.boot.pki.MtlsMaterialException;
import dev.mtls.boot.pki.TrustMaterial;
import dev.mtls.boot.pki.TrustMaterialLoader;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.server.Ssl.ClientAuth;
import org.springframework.core.io.ResourceLoader;

/**
 * Builds the server's {@link SslBundle} from {@code mtls.server.keystore} and
 * {@code mtls.server.truststore}.
 */
final class ServerSslBundleFactory {

	static final String KEYSTORE = "mtls.server.keystore";

	static final String TRUSTSTORE = "mtls.server.truststore";

	private final IdentityMaterialLoader identityLoader;

	private final TrustMaterialLoader trustLoader;

	ServerSslBundleFactory(ResourceLoader resourceLoader) {
		this.identityLoader = new IdentityMaterialLoader(resourceLoader);
		this.trustLoader = new TrustMaterialLoader(resourceLoader);
	}

	SslBundle create(MtlsServerProperties properties) {
		return create(properties, false);
	}

	/**
	 * Build the bundle.
	 * @param properties the properties
	 * @param reload whether the files changed since startup: a trust directory emptied
	 * since then trusts nobody rather than being refused
	 * @return the bundle
	 */
	SslBundle create(MtlsServerProperties properties, boolean reload) {
		IdentityMaterial identity = this.identityLoader.load(KEYSTORE, properties.getKeystore());
		TrustMaterial trust = reload ? this.trustLoader.reload(TRUSTSTORE, properties.getTruststore())
				: this.trustLoader.load(TRUSTSTORE, properties.getTruststore());
		if (identity == null && trust == null) {
			throw nothingConfigured();
		}
		if (identity == null) {
			throw new MtlsMaterialException(KEYSTORE, "trusted client CAs are configured but no server identity",
					"Set " + KEYSTORE + ".certificate and " + KEYSTORE + ".private-key (PEM), or " + KEYSTORE
							+ ".location and " + KEYSTORE + ".password (PKCS12 or JKS).");
		}
		if (trust == null && properties.getClientAuth() != ClientAuth.NONE) {
			throw ServerSslBundleValidator.noTrust(properties.getClientAuth(), TRUSTSTORE);
		}
		SslStoreBundle stores = SslStoreBundle.of(identity.keyStore(), identity.keyStorePassword(),
				(trust != null) ? trust.trustStore() : null);
		SslOptions options = SslOptions.of(emptyToNull(properties.getCiphers().toArray(new String[0])),
				emptyToNull(properties.getProtocols().toArray(new String[0])));
		return SslBundle.of(stores, SslBundleKey.of(identity.keyPassword(), keyAlias(identity)), options);
	}

	/**
	 * The alias to name to Tomcat, or {@code null} when the store holds nothing else.
	 * (Tomcat copies the key into a new store of the same type either way; the in-memory
	 * stores built from PEM files are JKS, whose copy costs no key derivation.)
	 */
	private static @Nullable String keyAlias(IdentityMaterial identity) {
		try {
			return (identity.keyStore().size() == 1) ? null : identity.alias();
		}
		catch (KeyStoreException ex) {
			return identity.alias();
		}
	}

	static MtlsMaterialException nothingConfigured() {
		return new MtlsMaterialException(KEYSTORE,
				"mutual TLS is enabled for the server but no server identity and no trusted client CAs are configured",
				"""
						Do one of the following:
						    - configure the material: %1$s.certificate + %1$s.private-key (PEM) or %1$s.location + \
						%1$s.password (PKCS12/JKS), and %2$s.certificate (PEM file or directory) or %2$s.location \
						(PKCS12/JKS) for the client CAs;
						    - use an existing SSL bundle: mtls.server.ssl-bundle=<name of a spring.ssl.bundle.* bundle>;
						    - for local development, generate a throw-away PKI: mtls.dev-pki.enabled=true;
						    - if this application only makes outbound mTLS calls: mtls.server.enabled=false."""
					.formatted(KEYSTORE, TRUSTSTORE));
	}

	private static String @Nullable [] emptyToNull(String[] values) {
		return (values.length != 0) ? values : null;
	}

}
