package dev.mtls.boot.server;

import java.nio.file.Path;

import dev.mtls.boot.pki.ClientTrustAnchors;
import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the client CAs in force come from: the server's SSL bundle with server TLS, the
 * truststore properties without it, nothing in a non-web application, and the
 * application's own bean when it defines one.
 */
class MtlsClientTrustAutoConfigurationTests {

	@TempDir
	Path directory;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class,
				MtlsClientTrustAutoConfiguration.class));

	@Test
	void withServerTlsTheAnchorsFollowTheServerBundle() {
		TestPki pki = new TestPki(this.directory);
		this.runner.withPropertyValues(pki.pemServerProperties()).run((context) -> {
			ClientTrustAnchors anchors = context.getBean(ClientTrustAnchors.class);
			assertThat(anchors.get().certificates()).containsExactly(pki.ca().certificate());
			assertThat(anchors.get().trustStore())
				.isSameAs(context.getBean(SslBundles.class).getBundle("mtls-server").getStores().getTrustStore());
			// A reload of the bundle reaches the anchors.
			SslBundleRegistry registry = context.getBean(SslBundleRegistry.class);
			TestPki other = new TestPki(this.directory.resolve("other"));
			registry.updateBundle("mtls-server",
					new MtlsServerSslBundleRegistrar(properties(other), context).loadBundle());
			assertThat(anchors.get().certificates()).containsExactly(other.ca().certificate());
		});
	}

	@Test
	void withoutServerTlsTheAnchorsComeFromTheTrustStoreProperties() {
		TestPki pki = new TestPki(this.directory);
		this.runner
			.withPropertyValues("mtls.server.enabled=false",
					"mtls.server.truststore.certificate=" + pki.location("ca.crt"))
			.run((context) -> {
				ClientTrustAnchors anchors = context.getBean(ClientTrustAnchors.class);
				assertThat(anchors.isConfigured()).isTrue();
				assertThat(anchors.getSource()).isEqualTo("mtls.server.truststore");
				assertThat(anchors.get().certificates()).containsExactly(pki.ca().certificate());
			});
	}

	@Test
	void withoutAnyTrustStoreNoClientCaIsConfigured() {
		this.runner.withPropertyValues("mtls.server.enabled=false")
			.run((context) -> assertThat(context.getBean(ClientTrustAnchors.class).isConfigured()).isFalse());
	}

	@Test
	void backsOffForTheApplicationsOwnAnchors() {
		this.runner.withPropertyValues("mtls.server.enabled=false")
			.withUserConfiguration(OwnAnchors.class)
			.run((context) -> assertThat(context.getBean(ClientTrustAnchors.class).getSource()).isEqualTo("own"));
	}

	@Test
	void doesNothingOutsideAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientTrustAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ClientTrustAnchors.class));
	}

	private static MtlsServerProperties properties(TestPki pki) {
		MtlsServerProperties properties = new MtlsServerProperties();
		properties.getKeystore().setCertificate(pki.location("server.crt"));
		properties.getKeystore().setPrivateKey(pki.location("server.key"));
		properties.getTruststore().setCertificate(pki.location("ca.crt"));
		return properties;
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAnchors {

		@Bean
		ClientTrustAnchors ownAnchors() {
			return new ClientTrustAnchors("own", null);
		}

	}

}
