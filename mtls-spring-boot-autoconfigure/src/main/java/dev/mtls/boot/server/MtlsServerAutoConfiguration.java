package dev.mtls.boot.server;

import dev.mtls.boot.MtlsProperties;
import dev.mtls.boot.pki.MtlsMaterialException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.Ordered;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for mutual TLS on an embedded Tomcat servlet server.
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ Tomcat.class, TomcatServletWebServerFactory.class })
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "mtls.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ MtlsProperties.class, MtlsServerProperties.class })
@ImportRuntimeHints(MtlsServerRuntimeHints.class)
public final class MtlsServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MtlsServerSslBundleRegistrar mtlsServerSslBundleRegistrar(MtlsServerProperties properties,
			ResourceLoader resourceLoader) {
		return new MtlsServerSslBundleRegistrar(properties, resourceLoader);
	}

	@Bean
	@ConditionalOnMissingBean
	MtlsTomcatWebServerFactoryCustomizer mtlsTomcatWebServerFactoryCustomizer(MtlsServerProperties properties,
			SslBundles sslBundles) {
		if (properties.getPort() == null && !properties.getPlainPortPaths().isEmpty()) {
			throw new MtlsMaterialException("mtls.server.plain-port-paths",
					"mtls.server.plain-port-paths is set but there is no plain port: without mtls.server.port, "
							+ "server.port itself serves mutual TLS, so these paths are not served without a "
							+ "certificate",
					"Set mtls.server.port to serve mutual TLS on a dedicated port and keep server.port plain for "
							+ "these paths, or remove mtls.server.plain-port-paths (optional certificates on "
							+ "one port: mtls.server.client-auth=want with mtls.auth.paths[n].required=false).");
		}
		return new MtlsTomcatWebServerFactoryCustomizer(properties, sslBundles);
	}

	@Bean
	@ConditionalOnProperty(name = "mtls.server.ssl-implementation", havingValue = "openssl")
	static OpenSslServerSupport mtlsOpenSslServerSupport(ResourceLoader resourceLoader) {
		return OpenSslServerSupport.forThisRuntime(resourceLoader.getClassLoader());
	}

	@Bean
	@ConditionalOnMissingBean
	LocalMtlsPortPublisher localMtlsPortPublisher(MtlsTomcatWebServerFactoryCustomizer customizer) {
		return new LocalMtlsPortPublisher(() -> {
			Connector connector = customizer.getDedicatedConnector();
			return (connector != null) ? connector.getLocalPort() : -1;
		});
	}

	/**
	 * With a dedicated mTLS port, the plain port serves only
	 * {@code mtls.server.plain-port-paths}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("mtls.server.port")
	static class PlainPortConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PlainPortPaths plainPortPaths(MtlsServerProperties properties,
				MtlsTomcatWebServerFactoryCustomizer customizer) {
			return new PlainPortPaths(properties.getPlainPortPaths(), () -> {
				Connector connector = customizer.getDedicatedConnector();
				return (connector != null) ? connector.getLocalPort() : -1;
			});
		}

		@Bean
		FilterRegistrationBean<PlainPortFilter> mtlsPlainPortFilter(PlainPortPaths paths) {
			FilterRegistrationBean<PlainPortFilter> registration = new FilterRegistrationBean<>(
					new PlainPortFilter(paths));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
			registration.setName("mtlsPlainPortFilter");
			return registration;
		}

	}

}
