package dev.mtls.boot.server;

import dev.mtls.boot.MtlsProperties;
import dev.mtls.boot.pki.MtlsMaterialException;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for mutual TLS on Reactor Netty in WebFlux applications: the same
 * {@code mtls.server.*} properties, SSL bundle and startup checks as on Tomcat. Ordered
 * before {@link MtlsServerAutoConfiguration} (never active together), so that what is
 * ordered after the servlet server part also comes after this one.
 */
@AutoConfiguration(after = SslAutoConfiguration.class, before = MtlsServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ HttpServer.class, NettyReactiveWebServerFactory.class })
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "mtls.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ MtlsProperties.class, MtlsServerProperties.class })
public final class MtlsNettyServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MtlsServerSslBundleRegistrar mtlsServerSslBundleRegistrar(MtlsServerProperties properties,
			ResourceLoader resourceLoader) {
		return new MtlsServerSslBundleRegistrar(properties, resourceLoader);
	}

	@Bean
	@ConditionalOnMissingBean
	MtlsNettyWebServerFactoryCustomizer mtlsNettyWebServerFactoryCustomizer(MtlsServerProperties properties,
			SslBundles sslBundles) {
		return new MtlsNettyWebServerFactoryCustomizer(properties, sslBundles);
	}

	@Bean
	@ConditionalOnMissingBean
	LocalMtlsPortPublisher localMtlsPortPublisher(MtlsNettyWebServerFactoryCustomizer customizer) {
		// With a dedicated port, NettyDedicatedMtlsServer publishes it once started.
		return new LocalMtlsPortPublisher(() -> customizer.hasDedicatedPort() ? 0 : -1);
	}

	/**
	 * Netty's TLS here is the JDK's: refuse rather than silently ignore a request for
	 * OpenSSL.
	 */
	@Bean
	@ConditionalOnProperty(name = "mtls.server.ssl-implementation", havingValue = "openssl")
	static Object mtlsNettyOpenSslRefusal() {
		throw new MtlsMaterialException(OpenSslServerSupport.PROPERTY,
				"OpenSSL was asked for, but it is only supported on Tomcat; this WebFlux application runs on "
						+ "Reactor Netty, whose mutual TLS uses the JDK's TLS.",
				"Remove " + OpenSslServerSupport.PROPERTY + " or set it to jsse (the default).");
	}

	/**
	 * With a dedicated mTLS port: a second Netty server on it, and the plain port serves
	 * only {@code mtls.server.plain-port-paths}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("mtls.server.port")
	static class DedicatedPortConfiguration {

		@Bean
		NettyDedicatedMtlsServer mtlsNettyDedicatedServer(MtlsNettyWebServerFactoryCustomizer customizer,
				ObjectProvider<HttpHandler> httpHandler, ObjectProvider<ReactorResourceFactory> resourceFactory,
				ObjectProvider<NettyRouteProvider> routeProviders, ApplicationContext context) {
			return new NettyDedicatedMtlsServer(customizer, httpHandler, resourceFactory, routeProviders, context);
		}

		@Bean
		@ConditionalOnMissingBean
		PlainPortPaths plainPortPaths(MtlsServerProperties properties, NettyDedicatedMtlsServer server) {
			return new PlainPortPaths(properties.getPlainPortPaths(), server::getPort);
		}

		@Bean
		PlainPortWebFilter mtlsPlainPortWebFilter(PlainPortPaths paths) {
			return new PlainPortWebFilter(paths);
		}

	}

}
