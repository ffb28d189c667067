package dev.mtls.boot.server;

import java.nio.file.Path;

import dev.mtls.boot.server.handshake.MtlsNettyHandshakeAutoConfiguration;
import dev.mtls.boot.server.handshake.NettyHandshakeObservation;
import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.server.Ssl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and beans of {@link MtlsNettyServerAutoConfiguration} and
 * {@link MtlsNettyHandshakeAutoConfiguration}, without starting a web server.
 */
class MtlsNettyServerAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(SslAutoConfiguration.class,
			MtlsServerAutoConfiguration.class, MtlsNettyServerAutoConfiguration.class,
			MtlsNettyHandshakeAutoConfiguration.class);

	@TempDir
	Path directory;

	private TestPki pki;

	private ReactiveWebApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		this.pki = new TestPki(this.directory);
		this.runner = new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS);
	}

	@Test
	void configuresNettyCustomizerBundleRegistrarHandshakeObservationInReactiveApplication() {
		this.runner.withPropertyValues(this.pki.pemServerProperties()).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(MtlsServerSslBundleRegistrar.class)
				.hasSingleBean(MtlsNettyWebServerFactoryCustomizer.class)
				.hasSingleBean(LocalMtlsPortPublisher.class)
				.hasSingleBean(NettyHandshakeObservation.class)
				.doesNotHaveBean(MtlsTomcatWebServerFactoryCustomizer.class)
				.doesNotHaveBean(NettyDedicatedMtlsServer.class);
		});
	}

	@Test
	void appliesTheMtlsBundleWithClientAuthToTheMainServer() {
		this.runner.withPropertyValues(this.pki.pemServerProperties()).run((context) -> {
			NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
			context.getBean(MtlsNettyWebServerFactoryCustomizer.class).customize(factory);
			assertThat(factory.getSsl()).isNotNull();
			assertThat(factory.getSsl().getBundle()).isEqualTo(MtlsServerSslBundleRegistrar.BUNDLE_NAME);
			assertThat(factory.getSsl().getClientAuth()).isEqualTo(Ssl.ClientAuth.NEED);
			assertThat(factory.getSslBundles()).isNotNull();
		});
	}

	@Test
	void dedicatedPortStartsASecondServerAndLeavesTheMainOnePlain() {
		this.runner.withPropertyValues(this.pki.pemServerProperties())
			.withPropertyValues("mtls.server.port=0", "mtls.server.plain-port-paths=/health")
			.run((context) -> {
				assertThat(context).hasSingleBean(NettyDedicatedMtlsServer.class)
					.hasSingleBean(PlainPortPaths.class)
					.hasSingleBean(PlainPortWebFilter.class);
				NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
				context.getBean(MtlsNettyWebServerFactoryCustomizer.class).customize(factory);
				assertThat(factory.getSsl()).isNull();
			});
	}

	@Test
	void backsOffWhenServerPartIsDisabled() {
		this.runner.withPropertyValues(this.pki.pemServerProperties())
			.withPropertyValues("mtls.server.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MtlsNettyWebServerFactoryCustomizer.class)
				.doesNotHaveBean(NettyHandshakeObservation.class));
	}

	@Test
	void backsOffWithoutReactorNetty() {
		this.runner.withClassLoader(new FilteredClassLoader(NettyReactiveWebServerFactory.class))
			.withPropertyValues(this.pki.pemServerProperties())
			.run((context) -> assertThat(context).doesNotHaveBean(MtlsNettyWebServerFactoryCustomizer.class));
	}

	@Test
	void leavesServletApplicationsToTheTomcatPart() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(this.pki.pemServerProperties())
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MtlsTomcatWebServerFactoryCustomizer.class)
				.doesNotHaveBean(MtlsNettyWebServerFactoryCustomizer.class)
				.doesNotHaveBean(NettyHandshakeObservation.class));
	}

}
