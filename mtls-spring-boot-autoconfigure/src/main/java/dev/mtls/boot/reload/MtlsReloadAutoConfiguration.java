package dev.mtls.boot.reload;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.mtls.boot.client.MtlsClient;
import dev.mtls.boot.client.MtlsClientAutoConfiguration;
import dev.mtls.boot.client.MtlsClientProperties;
import dev.mtls.boot.client.MtlsClientProperties.NamedClient;
import dev.mtls.boot.client.MtlsClients;
import dev.mtls.boot.pki.ClientTrustAnchors;
import dev.mtls.boot.pki.KeyStoreProperties;
import dev.mtls.boot.pki.TrustMaterialLoader;
import dev.mtls.boot.server.MtlsClientTrustAutoConfiguration;
import dev.mtls.boot.server.MtlsServerAutoConfiguration;
import dev.mtls.boot.server.MtlsServerProperties;
import dev.mtls.boot.server.MtlsServerSslBundleRegistrar;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of hot reload: the files of
 * {@code mtls.server.keystore}/{@code truststore} and of each outbound client's material
 * are watched, and changed material is applied without a restart once it passes the
 * startup checks.
 */
@AutoConfiguration(after = { SslAutoConfiguration.class, MtlsServerAutoConfiguration.class,
		MtlsClientTrustAutoConfiguration.class, MtlsClientAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "mtls.reload.enabled", matchIfMissing = true)
@ConditionalOnBean(SslBundleRegistry.class)
@EnableConfigurationProperties(MtlsReloadProperties.class)
public final class MtlsReloadAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MaterialReloadState materialReloadState() {
		return new MaterialReloadState();
	}

	@Bean
	@ConditionalOnMissingBean
	MaterialWatcher mtlsMaterialWatcher(MtlsReloadProperties properties, ObjectProvider<ReloadTargets> targets,
			MaterialReloadState state, ObjectProvider<MaterialReloadListener> listeners) {
		List<ReloadTarget> all = new ArrayList<>();
		targets.orderedStream().forEach((group) -> all.addAll(group.targets()));
		MaterialReloader reloader = new MaterialReloader(state, listeners.orderedStream().toList(), Clock.systemUTC());
		return new MaterialWatcher(all, reloader, properties.getQuietPeriod(), properties.getPeriod());
	}

	/**
	 * The reload targets one capability contributes.
	 */
	@FunctionalInterface
	interface ReloadTargets {

		List<ReloadTarget> targets();

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ MtlsServerSslBundleRegistrar.class, MtlsServerProperties.class })
	static class ServerReloadConfiguration {

		@Bean
		ReloadTargets mtlsServerReloadTargets(MtlsServerSslBundleRegistrar registrar, MtlsServerProperties properties,
				SslBundleRegistry registry, ResourceLoader resourceLoader) {
			return () -> {
				String sslBundle = properties.getSslBundle();
				if (sslBundle != null && !sslBundle.isBlank()) {
					// spring.ssl.bundle.*.reload-on-update is Boot's business.
					return List.of();
				}
				List<Path> files = new MaterialLocations(resourceLoader).add(properties.getKeystore())
					.add(properties.getTruststore())
					.paths();
				return files.isEmpty() ? List.of() : List.of(new ServerReloadTarget(registrar, registry, files));
			};
		}

	}

	/**
	 * Without server TLS (behind a TLS-terminating proxy) nothing reloads the client CAs
	 * through an SSL bundle: their files are watched here.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ ClientTrustAnchors.class, MtlsServerProperties.class })
	@ConditionalOnMissingBean(MtlsServerSslBundleRegistrar.class)
	static class ClientTrustReloadConfiguration {

		@Bean
		ReloadTargets mtlsClientTrustReloadTargets(ClientTrustAnchors anchors, MtlsServerProperties properties,
				ResourceLoader resourceLoader) {
			return () -> {
				if (!anchors.isConfigured()) {
					return List.of();
				}
				List<Path> files = new MaterialLocations(resourceLoader).add(properties.getTruststore()).paths();
				return files.isEmpty() ? List.of() : List.of(new ClientTrustReloadTarget(anchors,
						properties.getTruststore(), new TrustMaterialLoader(resourceLoader), files));
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ MtlsClients.class, MtlsClientProperties.class })
	static class ClientReloadConfiguration {

		@Bean
		ReloadTargets mtlsClientReloadTargets(MtlsClients clients, MtlsClientProperties properties,
				SslBundleRegistry registry, ResourceLoader resourceLoader, Environment environment) {
			return () -> {
				KeyStoreProperties serverIdentity = Binder.get(environment)
					.bind("mtls.server.keystore", KeyStoreProperties.class)
					.orElseGet(KeyStoreProperties::new);
				List<ReloadTarget> targets = new ArrayList<>();
				add(targets, clients.getDefault(), null, properties, serverIdentity, registry, resourceLoader);
				for (String name : clients.getNames()) {
					add(targets, clients.get(name), properties.getClients().get(name), properties, serverIdentity,
							registry, resourceLoader);
				}
				return targets;
			};
		}

		/**
		 * Watch every file the client's material may come from: its own stores, those of
		 * the default client and the server identity it may reuse. A change to a file it
		 * does not use reloads the same material, which is harmless.
		 */
		private static void add(List<ReloadTarget> targets, MtlsClient client, @Nullable NamedClient named,
				MtlsClientProperties properties, KeyStoreProperties serverIdentity, SslBundleRegistry registry,
				ResourceLoader resourceLoader) {
			MaterialLocations locations = new MaterialLocations(resourceLoader);
			if (named != null) {
				if (named.getSslBundle() != null && !named.getSslBundle().isBlank()) {
					return;
				}
				locations.add(named.getKeystore()).add(named.getTruststore());
			}
			locations.add(properties.getClient().getKeystore()).add(properties.getClient().getTruststore());
			boolean reuseServerIdentity = (named != null && named.getReuseServerIdentity() != null)
					? named.getReuseServerIdentity() : properties.getClient().isReuseServerIdentity();
			if (reuseServerIdentity) {
				locations.add(serverIdentity);
			}
			List<Path> files = locations.paths();
			if (!files.isEmpty()) {
				targets.add(new ClientReloadTarget(client, registry, files));
			}
		}

	}

}
