package dev.mtls.boot.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mtls.boot.client.MtlsClientAutoConfiguration;
import dev.mtls.boot.client.MtlsClients;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.server.MtlsClientTrustAutoConfiguration;
import dev.mtls.boot.server.MtlsServerAutoConfiguration;
import dev.mtls.boot.server.MtlsServerSslBundleRegistrar;
import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conditions and back-off of {@link MtlsReloadAutoConfiguration}, and the watcher thread
 * that exists only while reload is on and something is read from files.
 */
class MtlsReloadAutoConfigurationTests {

	@TempDir
	static Path directory;

	private static TestPki pki;

	private ApplicationContextRunner runner;

	@BeforeEach
	void runner() {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientAutoConfiguration.class,
					MtlsReloadAutoConfiguration.class))
			.withPropertyValues("mtls.client.keystore.certificate=" + pki.location("alice.crt"),
					"mtls.client.keystore.private-key=" + pki.location("alice.key"),
					"mtls.client.truststore.certificate=" + pki.location("ca.crt"), "mtls.reload.quiet-period=100ms",
					"mtls.reload.period=1s");
	}

	@BeforeAll
	static void issuePki() {
		pki = new TestPki(directory);
		pki.client().writePem(pki.path("alice.crt"), pki.path("alice.key"));
	}

	@Test
	void watchesClientMaterialOnOneThreadWhileTheContextRuns() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MaterialWatcher.class).hasSingleBean(MaterialReloadState.class);
			assertThat(context.getBean(MaterialWatcher.class).isRunning()).isTrue();
			assertThat(context.getBean(MaterialReloadState.class).getBundles()).containsOnlyKeys("mtls-client");
			assertThat(watcherThreads()).isEqualTo(1);
		});
		await().atMost(Duration.ofSeconds(30)).until(() -> watcherThreads() == 0);
	}

	@Test
	void reloadDisabledStartsNoWatcherAndNoThread() {
		this.runner.withPropertyValues("mtls.reload.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(MaterialWatcher.class).doesNotHaveBean(MaterialReloadState.class);
			assertThat(watcherThreads()).isZero();
		});
	}

	@Test
	void starterDisabledStartsNoWatcher() {
		this.runner.withPropertyValues("mtls.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MaterialWatcher.class)
				.doesNotHaveBean(MaterialReloadState.class));
	}

	@Test
	void nothingReadFromFilesStartsNoThread() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientAutoConfiguration.class,
					MtlsReloadAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(MaterialWatcher.class);
				assertThat(context.getBean(MaterialReloadState.class).getBundles()).isEmpty();
				assertThat(watcherThreads()).isZero();
			});
	}

	@Test
	void backsOffFromUserState() {
		this.runner.withUserConfiguration(UserStateConfiguration.class)
			.run((context) -> assertThat(context).getBean(MaterialReloadState.class)
				.isSameAs(context.getBean("userState")));
	}

	@Test
	void invalidPeriodIsRefusedWithThePropertyName() {
		this.runner.withPropertyValues("mtls.reload.period=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mtls.reload.period"));
	}

	@Test
	void reloadsChangedClientIdentityAndNotifiesListeners() throws Exception {
		List<MaterialReloadEvent> events = new CopyOnWriteArrayList<>();
		IssuedCertificate bob = CertificateBuilder.endEntity("CN=bob").clientAuth().issuedBy(pki.ca()).issue();
		Path client = Files.createDirectories(directory.resolve("bob"));
		pki.client().writePem(client.resolve("tls.crt"), client.resolve("tls.key"));
		this.runner
			.withPropertyValues("mtls.clients.bob.keystore.certificate=file:" + client.resolve("tls.crt"),
					"mtls.clients.bob.keystore.private-key=file:" + client.resolve("tls.key"))
			.withBean(MaterialReloadListener.class, () -> events::add)
			.run((context) -> {
				bob.writePem(client.resolve("tls.crt"), client.resolve("tls.key"));
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events).anySatisfy((event) -> {
					assertThat(event.bundle()).isEqualTo("mtls-client-bob");
					assertThat(event.result()).isEqualTo(MaterialReloadResult.SUCCESS);
				}));
				assertThat(context.getBean(MtlsClients.class)
					.get("bob")
					.getSslBundle()
					.getStores()
					.getKeyStore()
					.getCertificate("mtls")).isEqualTo(bob.certificate());
			});
	}

	private static long watcherThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(MaterialWatcher.THREAD_NAME) && thread.isAlive())
			.count();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStateConfiguration {

		@Bean
		MaterialReloadState userState() {
			return new MaterialReloadState();
		}

	}

	@Test
	void behindAProxyTheClientCasOfTheServerAreWatched() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class,
					MtlsClientTrustAutoConfiguration.class, MtlsReloadAutoConfiguration.class))
			.withPropertyValues("mtls.server.enabled=false",
					"mtls.server.truststore.certificate=" + pki.location("ca.crt"))
			.run((context) -> assertThat(context.getBean(MaterialReloadState.class).getBundles())
				.containsOnlyKeys(MtlsServerSslBundleRegistrar.BUNDLE_NAME));
	}

	@Test
	void withServerTlsTheClientCasAreWatchedThroughTheServerBundleOnly() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class,
					MtlsClientTrustAutoConfiguration.class, MtlsReloadAutoConfiguration.class))
			.withPropertyValues(pki.pemServerProperties())
			.run((context) -> {
				assertThat(context.getBean(MaterialReloadState.class).getBundles())
					.containsOnlyKeys(MtlsServerSslBundleRegistrar.BUNDLE_NAME);
				assertThat(context).doesNotHaveBean("mtlsClientTrustReloadTargets");
			});
	}

}
