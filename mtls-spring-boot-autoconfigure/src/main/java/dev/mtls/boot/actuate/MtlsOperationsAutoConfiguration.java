package dev.mtls.boot.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.mtls.boot.MtlsExpiryProperties;
import dev.mtls.boot.auth.MtlsAuthProperties;
import dev.mtls.boot.auth.MtlsReactiveSecurityAutoConfiguration;
import dev.mtls.boot.auth.MtlsSecurityAutoConfiguration;
import dev.mtls.boot.client.MtlsClientAutoConfiguration;
import dev.mtls.boot.client.MtlsClients;
import dev.mtls.boot.server.MtlsServerAutoConfiguration;
import dev.mtls.boot.reload.MaterialReloadListener;
import dev.mtls.boot.reload.MtlsReloadAutoConfiguration;
import dev.mtls.boot.reload.MaterialReloadState;
import dev.mtls.boot.revocation.MtlsRevocationProperties;
import dev.mtls.boot.revocation.RevocationCheckListener;
import dev.mtls.boot.revocation.RevocationMode;
import dev.mtls.boot.proxy.MtlsProxyAutoConfiguration;
import dev.mtls.boot.pki.ClientTrustAnchors;
import dev.mtls.boot.proxy.MtlsProxyProperties;
import dev.mtls.boot.server.MtlsServerProperties;
import dev.mtls.boot.server.handshake.HandshakeObserver;
import dev.mtls.boot.server.handshake.MtlsHandshakeAutoConfiguration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of what the operations features share and need no Actuator for: the
 * {@link MtlsLifecycleRecorder} that reload and revocation report into, the startup
 * summary, and authentication failure events for refused certificates.
 */
@AutoConfiguration(after = { SslAutoConfiguration.class, MtlsServerAutoConfiguration.class,
		MtlsHandshakeAutoConfiguration.class, MtlsProxyAutoConfiguration.class, MtlsClientAutoConfiguration.class,
		MtlsSecurityAutoConfiguration.class, MtlsReactiveSecurityAutoConfiguration.class,
		MtlsReloadAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MtlsExpiryProperties.class)
public final class MtlsOperationsAutoConfiguration {

	/**
	 * Property of Boot's SSL health indicator whose threshold also applies to the
	 * {@code mtls} endpoint and health contributor.
	 */
	static final String WARNING_THRESHOLD_PROPERTY = "management.health.ssl.certificate-validity-warning-threshold";

	@Bean
	@ConditionalOnMissingBean
	MtlsLifecycleRecorder mtlsLifecycleRecorder(ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<MtlsMaterialInspector> inspector) {
		MtlsLifecycleRecorder recorder = new MtlsLifecycleRecorder();
		SslBundles bundles = sslBundles.getIfAvailable();
		MtlsMaterialInspector materials = inspector.getIfAvailable();
		if (bundles != null && materials != null) {
			for (MtlsMaterialInspector.BundleMaterial material : materials.all()) {
				try {
					bundles.addBundleUpdateHandler(material.bundle(),
							(bundle) -> recorder.reloadSucceeded(material.bundle()));
				}
				catch (NoSuchSslBundleException ex) {
					// A client bundle that is not in the registry: reported by the client
				}
			}
		}
		return recorder;
	}

	@Bean
	@ConditionalOnMissingBean
	MtlsMaterialInspector mtlsMaterialInspector(SslBundles sslBundles,
			ObjectProvider<MtlsServerProperties> serverProperties, ObjectProvider<MtlsClients> clients,
			ObjectProvider<MtlsProxyProperties> proxyProperties, ObjectProvider<ClientTrustAnchors> clientTrust,
			Environment environment) {
		MtlsMaterialInspector inspector = new MtlsMaterialInspector(sslBundles, serverProperties.getIfAvailable(),
				clients.getIfAvailable(), isDefaultClientConfigured(environment));
		MtlsProxyProperties proxy = proxyProperties.getIfAvailable();
		MtlsServerProperties server = serverProperties.getIfAvailable();
		if (proxy != null && proxy.isEnabled() && server != null) {
			ClientTrustAnchors trust = proxy.isRevalidate() ? clientTrust.getIfAvailable() : null;
			inspector.setProxyTrustAnchors((trust != null) ? () -> trust.get().certificates() : List::of,
					proxy.isRevalidate());
		}
		return inspector;
	}

	private static boolean isDefaultClientConfigured(Environment environment) {
		return Binder.get(environment)
			.bind("mtls.client", Bindable.mapOf(String.class, Object.class))
			.map((properties) -> !properties.isEmpty())
			.orElse(false);
	}

	@Bean
	@ConditionalOnMissingBean
	MtlsStartupSummary mtlsStartupSummary(Environment environment, MtlsMaterialInspector inspector,
			ObjectProvider<MtlsServerProperties> serverProperties, ObjectProvider<MtlsAuthProperties> authProperties,
			MtlsLifecycleRecorder lifecycle) {
		return new MtlsStartupSummary(environment, inspector, serverProperties.getIfAvailable(),
				authProperties.getIfAvailable(), lifecycle);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(HandshakeObserver.class)
	RecentHandshakeRefusals recentHandshakeRefusals() {
		return new RecentHandshakeRefusals();
	}

	@Bean
	@ConditionalOnMissingBean
	CertificateExpiryWarnings certificateExpiryWarnings(MtlsMaterialInspector inspector,
			MtlsLifecycleRecorder lifecycle, Environment environment) {
		return new CertificateExpiryWarnings(inspector, lifecycle, Clock.systemUTC(), warningThreshold(environment),
				criticalThreshold(environment));
	}

	/**
	 * Return {@code mtls.expiry.warning-threshold}, else Boot's SSL health threshold,
	 * else 14 days.
	 */
	static Duration warningThreshold(Environment environment) {
		Binder binder = Binder.get(environment);
		return binder.bind("mtls.expiry.warning-threshold", Duration.class)
			.orElseGet(() -> binder.bind(WARNING_THRESHOLD_PROPERTY, Duration.class).orElse(Duration.ofDays(14)));
	}

	/**
	 * Return {@code mtls.expiry.critical-threshold}, or {@code null} when not set.
	 */
	static @Nullable Duration criticalThreshold(Environment environment) {
		return Binder.get(environment).bind("mtls.expiry.critical-threshold", Duration.class).orElse(null);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DefaultAuthenticationEventPublisher.class)
	static class AuthenticationEventsConfiguration {

		@Bean
		static CertificateRejectionEventMapping mtlsCertificateRejectionEventMapping() {
			return new CertificateRejectionEventMapping();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RevocationCheckListener.class)
	static class RevocationLifecycleConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RevocationLifecycleAdapter revocationLifecycleAdapter(MtlsLifecycleRecorder recorder, Environment environment) {
			// The mode in force: an unset mode follows the configured sources.
			RevocationMode mode = Binder.get(environment)
				.bind("mtls.revocation", MtlsRevocationProperties.class)
				.map(MtlsRevocationProperties::effectiveMode)
				.orElse(RevocationMode.NONE);
			return new RevocationLifecycleAdapter(recorder, mode);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MaterialReloadListener.class)
	@ConditionalOnBean(MaterialReloadState.class)
	static class ReloadLifecycleConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReloadLifecycleAdapter reloadLifecycleAdapter(MtlsLifecycleRecorder recorder,
				ObjectProvider<SslBundles> sslBundles) {
			return new ReloadLifecycleAdapter(recorder, sslBundles.getIfAvailable());
		}

	}

}
