package dev.mtls.boot.server;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;

import dev.mtls.boot.MtlsProperties;
import dev.mtls.boot.pki.KeyStoreEntries;
import dev.mtls.boot.pki.MtlsMaterialException;
import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and beans of {@link MtlsServerAutoConfiguration}, without starting a web
 * server.
 */
class MtlsServerAutoConfigurationTests {

	@TempDir
	Path directory;

	private TestPki pki;

	private WebApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		this.pki = new TestPki(this.directory);
		this.runner = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class));
	}

	@Test
	void configuresBundleRegistrarTomcatCustomizerAndPortPublisherFromPemProperties() {
		this.runner.withPropertyValues(this.pki.pemServerProperties()).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(MtlsProperties.class)
				.hasSingleBean(MtlsServerProperties.class)
				.hasSingleBean(MtlsServerSslBundleRegistrar.class)
				.hasSingleBean(MtlsTomcatWebServerFactoryCustomizer.class)
				.hasSingleBean(LocalMtlsPortPublisher.class);
		});
	}

	@Test
	void registersMtlsServerBundleWithConfiguredMaterialAndDefaultProtocols() {
		this.runner.withPropertyValues(this.pki.pemServerProperties()).run((context) -> {
			SslBundles sslBundles = context.getBean(SslBundles.class);
			assertThat(sslBundles.getBundleNames()).contains(MtlsServerSslBundleRegistrar.BUNDLE_NAME);
			SslBundle bundle = sslBundles.getBundle("mtls-server");
			assertThat(bundle.getOptions().getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
			assertThat(bundle.getOptions().getCiphers()).isNull();
			KeyStore keyStore = bundle.getStores().getKeyStore();
			// one key entry: no alias named, so that Tomcat uses the store as it is
			assertThat(bundle.getKey().getAlias()).isNull();
			String alias = KeyStoreEntries.keyAlias(keyStore, null);
			assertThat(keyStore.isKeyEntry(alias)).isTrue();
			assertThat(keyStore.getCertificate(alias)).isEqualTo(this.pki.server().certificate());
			KeyStore trustStore = bundle.getStores().getTrustStore();
			assertThat(Collections.list(trustStore.aliases())).singleElement()
				.satisfies((trusted) -> assertThat(trustStore.getCertificate(trusted))
					.isEqualTo(this.pki.ca().certificate()));
		});
	}

	@Test
	void registersMtlsServerBundleWithCustomProtocolsAndCiphers() {
		this.runner.withPropertyValues(this.pki.pemServerProperties())
			.withPropertyValues("mtls.server.protocols=TLSv1.3", "mtls.server.ciphers=TLS_AES_256_GCM_SHA384")
			.run((context) -> {
				SslBundle bundle = context.getBean(SslBundles.class).getBundle("mtls-server");
				assertThat(bundle.getOptions().getEnabledProtocols()).containsExactly("TLSv1.3");
				assertThat(bundle.getOptions().getCiphers()).containsExactly("TLS_AES_256_GCM_SHA384");
			});
	}

	@Test
	void registersNoBundleOfItsOwnWhenAnSslBundleIsNamed() {
		this.runner
			.withPropertyValues(
					"spring.ssl.bundle.pem.partner-facing.keystore.certificate=" + this.pki.location("server.crt"),
					"spring.ssl.bundle.pem.partner-facing.keystore.private-key=" + this.pki.location("server.key"),
					"spring.ssl.bundle.pem.partner-facing.truststore.certificate=" + this.pki.location("ca.crt"),
					"mtls.server.ssl-bundle=partner-facing")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SslBundles.class).getBundleNames()).containsExactly("partner-facing");
			});
	}

	@Test
	void customizerAppliesBundleToTheMainConnector() {
		this.runner.withPropertyValues(this.pki.pemServerProperties())
			.withPropertyValues("mtls.server.client-auth=want")
			.run((context) -> {
				TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
				context.getBean(MtlsTomcatWebServerFactoryCustomizer.class).customize(factory);
				assertThat(factory.getSsl().getBundle()).isEqualTo("mtls-server");
				assertThat(factory.getSsl().getClientAuth()).isEqualTo(Ssl.ClientAuth.WANT);
				assertThat(factory.getSslBundles()).isSameAs(context.getBean(SslBundles.class));
				assertThat(factory.getAdditionalConnectors()).isEmpty();
			});
	}

	@Test
	void customizerAddsDedicatedConnectorWhenPortIsSet() {
		this.runner.withPropertyValues(this.pki.pemServerProperties())
			.withPropertyValues("mtls.server.port=0")
			.run((context) -> {
				TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
				MtlsTomcatWebServerFactoryCustomizer customizer = context
					.getBean(MtlsTomcatWebServerFactoryCustomizer.class);
				customizer.customize(factory);
				assertThat(factory.getSsl()).isNull();
				assertThat(factory.getAdditionalConnectors()).singleElement()
					.isSameAs(customizer.getDedicatedConnector())
					.satisfies((connector) -> assertThat(connector.getSecure()).isTrue());
			});
	}

	@Test
	void backsOffWhenUserDefinesBundleRegistrar() {
		this.runner.withPropertyValues(this.pki.pemServerProperties())
			.withUserConfiguration(UserRegistrarConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(MtlsServerSslBundleRegistrar.class)
					.getBean(MtlsServerSslBundleRegistrar.class)
					.isSameAs(context.getBean("userRegistrar"));
				assertThat(context).hasSingleBean(MtlsTomcatWebServerFactoryCustomizer.class);
			});
	}

	@Test
	void backsOffWhenUserDefinesTomcatCustomizer() {
		this.runner.withPropertyValues(this.pki.pemServerProperties())
			.withUserConfiguration(UserCustomizerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(MtlsTomcatWebServerFactoryCustomizer.class)
					.getBean(MtlsTomcatWebServerFactoryCustomizer.class)
					.isSameAs(context.getBean("userCustomizer"));
				assertThat(context).hasSingleBean(MtlsServerSslBundleRegistrar.class)
					.hasSingleBean(LocalMtlsPortPublisher.class);
			});
	}

	@Test
	void configuresNothingWhenMtlsIsDisabled() {
		this.runner.withPropertyValues(this.pki.pemServerProperties())
			.withPropertyValues("mtls.enabled=false")
			.run(this::assertNothingConfigured);
	}

	@Test
	void configuresNothingWhenMtlsServerIsDisabled() {
		this.runner.withPropertyValues(this.pki.pemServerProperties())
			.withPropertyValues("mtls.server.enabled=false")
			.run(this::assertNothingConfigured);
	}

	@Test
	void startsWithoutAnyMaterialWhenMtlsServerIsDisabled() {
		this.runner.withPropertyValues("mtls.server.enabled=false").run(this::assertNothingConfigured);
	}

	@Test
	void configuresNothingInNonWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class))
			.run((context) -> assertNothingConfigured(context));
	}

	@Test
	void failsWithMaterialExceptionWhenNothingIsConfigured() {
		this.runner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(MtlsMaterialException.class)
				.satisfies((failure) -> assertThat(((MtlsMaterialException) failure).getProperty())
					.isEqualTo("mtls.server.keystore"));
		});
	}

	private void assertNothingConfigured(AssertableWebApplicationContext context) {
		assertNothingConfigured((ApplicationContext) context, context.getStartupFailure());
	}

	private void assertNothingConfigured(AssertableApplicationContext context) {
		assertNothingConfigured((ApplicationContext) context, context.getStartupFailure());
	}

	private void assertNothingConfigured(ApplicationContext context, Throwable startupFailure) {
		assertThat(startupFailure).isNull();
		assertThat(context.getBeanNamesForType(MtlsServerProperties.class)).isEmpty();
		assertThat(context.getBeanNamesForType(MtlsServerSslBundleRegistrar.class)).isEmpty();
		assertThat(context.getBeanNamesForType(MtlsTomcatWebServerFactoryCustomizer.class)).isEmpty();
		assertThat(context.getBeanNamesForType(LocalMtlsPortPublisher.class)).isEmpty();
		assertThat(context.getBean(SslBundles.class).getBundleNames())
			.doesNotContain(MtlsServerSslBundleRegistrar.BUNDLE_NAME);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistrarConfiguration {

		@Bean
		MtlsServerSslBundleRegistrar userRegistrar(MtlsServerProperties properties, ResourceLoader resourceLoader) {
			return new MtlsServerSslBundleRegistrar(properties, resourceLoader);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCustomizerConfiguration {

		@Bean
		MtlsTomcatWebServerFactoryCustomizer userCustomizer(MtlsServerProperties properties, SslBundles sslBundles) {
			return new MtlsTomcatWebServerFactoryCustomizer(properties, sslBundles);
		}

	}

}
