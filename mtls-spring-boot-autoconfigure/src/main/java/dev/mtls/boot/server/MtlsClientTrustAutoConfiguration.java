package dev.mtls.boot.server;

import java.security.KeyStore;
import java.util.Objects;

import dev.mtls.boot.MtlsProperties;
import dev.mtls.boot.pki.ClientTrustAnchors;
import dev.mtls.boot.pki.TrustMaterial;
import dev.mtls.boot.pki.TrustMaterialLoader;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the client CAs in force ({@link ClientTrustAnchors}), read by
 * per-request re-validation and by the validation of forwarded certificates. With server
 * TLS they follow the server's SSL bundle, so a reload reaches the handshake and every
 * other consumer; without it (behind a TLS-terminating proxy) they are loaded from
 * {@code mtls.server.truststore} and reloaded from its files by hot reload.
 */
@AutoConfiguration(after = { SslAutoConfiguration.class, MtlsServerAutoConfiguration.class })
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ MtlsProperties.class, MtlsServerProperties.class })
public final class MtlsClientTrustAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientTrustAnchors clientTrustAnchors(MtlsServerProperties properties, ObjectProvider<SslBundles> sslBundles,
			ResourceLoader resourceLoader) {
		SslBundles bundles = sslBundles.getIfAvailable();
		String bundleName = MtlsServerSslBundleRegistrar.usesExternalBundle(properties)
				? Objects.requireNonNull(properties.getSslBundle()).trim() : MtlsServerSslBundleRegistrar.BUNDLE_NAME;
		if (properties.isEnabled() && bundles != null && bundles.getBundleNames().contains(bundleName)) {
			SslBundle bundle = bundles.getBundle(bundleName);
			ClientTrustAnchors anchors = new ClientTrustAnchors(source(properties), bundle.getStores().getTrustStore());
			// Same update as the connector's: the anchors follow every reload of the
			// bundle.
			bundles.addBundleUpdateHandler(bundleName, (updated) -> {
				KeyStore trustStore = updated.getStores().getTrustStore();
				if (trustStore != null) {
					anchors.update(trustStore);
				}
			});
			return anchors;
		}
		TrustMaterial trust = new TrustMaterialLoader(resourceLoader).load(ServerSslBundleFactory.TRUSTSTORE,
				properties.getTruststore());
		return new ClientTrustAnchors(ServerSslBundleFactory.TRUSTSTORE, (trust != null) ? trust.trustStore() : null);
	}

	private static String source(MtlsServerProperties properties) {
		return MtlsServerSslBundleRegistrar.usesExternalBundle(properties) ? "SSL bundle '"
				+ Objects.requireNonNull(properties.getSslBundle()).trim() + "' (mtls.server.ssl-bundle)"
				: ServerSslBundleFactory.TRUSTSTORE;
	}

}
