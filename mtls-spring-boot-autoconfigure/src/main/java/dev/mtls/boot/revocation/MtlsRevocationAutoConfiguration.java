package dev.mtls.boot.revocation;

import java.security.KeyStore;
import java.time.Clock;
import java.util.function.Supplier;

import dev.mtls.boot.auth.MtlsSecurityAutoConfiguration;
import dev.mtls.boot.pki.TrustMaterial;
import dev.mtls.boot.pki.TrustMaterialLoader;
import dev.mtls.boot.server.MtlsServerProperties;
import dev.mtls.boot.server.MtlsServerSslBundleRegistrar;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of per-request chain validation: the trust anchors in force and the
 * revocation status ({@code mtls.revocation.*}) of every client certificate, direct or
 * forwarded.
 */
@AutoConfiguration(after = MtlsSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnBean(MtlsSecurityAutoConfiguration.class)
@EnableConfigurationProperties({ MtlsRevocationProperties.class, MtlsServerProperties.class })
public final class MtlsRevocationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PkixChainVerifier pkixChainVerifier(MtlsRevocationProperties properties, MtlsServerProperties serverProperties,
			SslBundles sslBundles, ResourceLoader resourceLoader, ObjectProvider<RevocationCheckListener> listeners) {
		RevocationConfiguration.check(properties);
		Clock clock = Clock.systemUTC();
		RevocationFetcher fetcher = new RevocationFetcher(properties.getTimeout(),
				properties.getMaxDownloadSize().toBytes());
		CrlSource crls = new CrlSource(properties, resourceLoader, fetcher, clock);
		PkixChainVerifier verifier = new PkixChainVerifier(trustStore(serverProperties, sslBundles, resourceLoader),
				properties, crls, new OcspResponses(properties, fetcher, clock),
				CrlSignerCertificates.load(resourceLoader, properties.getCrlSigners()),
				listeners.orderedStream().toList(), clock);
		try {
			RevocationConfiguration.checkAnchors(properties, verifier.hasAnchors());
			if (properties.hasCrlSource()) {
				crls.readConfigured();
			}
			return verifier;
		}
		catch (RuntimeException ex) {
			verifier.close();
			throw ex;
		}
	}

	/**
	 * The server's trust store as it is now: from its SSL bundle, which a reload
	 * replaces, or, behind a proxy without server TLS, from
	 * {@code mtls.server.truststore}.
	 */
	private static Supplier<KeyStore> trustStore(MtlsServerProperties serverProperties, SslBundles sslBundles,
			ResourceLoader resourceLoader) {
		String bundle = (serverProperties.getSslBundle() != null && !serverProperties.getSslBundle().isBlank())
				? serverProperties.getSslBundle().trim() : MtlsServerSslBundleRegistrar.BUNDLE_NAME;
		Supplier<KeyStore> configured = SingletonSupplier.of(() -> {
			TrustMaterial trust = new TrustMaterialLoader(resourceLoader).load("mtls.server.truststore",
					serverProperties.getTruststore());
			return (trust != null) ? trust.trustStore() : null;
		});
		return () -> {
			try {
				return sslBundles.getBundle(bundle).getStores().getTrustStore();
			}
			catch (NoSuchSslBundleException ex) {
				return configured.get();
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("mtls.revocation.check-outbound")
	OutboundRevocationVerifier outboundRevocationVerifier(PkixChainVerifier verifier) {
		return new OutboundRevocationVerifier(verifier);
	}

}
