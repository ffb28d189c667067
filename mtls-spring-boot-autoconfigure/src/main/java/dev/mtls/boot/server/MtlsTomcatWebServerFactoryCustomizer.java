package dev.mtls.boot.server;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import dev.mtls.boot.pki.MtlsMaterialException;
import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.jsse.JSSEImplementation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Applies the server's mutual TLS bundle to Tomcat: to the main connector, or to a
 * dedicated connector on {@code mtls.server.port}, which gets the main connector's
 * {@code server.*} settings too. Runs after Boot's own customizers so that it can detect
 * a conflicting {@code server.ssl} configuration.
 */
public class MtlsTomcatWebServerFactoryCustomizer
		implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private static final Log logger = LogFactory.getLog(MtlsTomcatWebServerFactoryCustomizer.class);

	private final MtlsServerProperties properties;

	private final SslBundles sslBundles;

	private final ServerSslBundleResolver resolver;

	private volatile @Nullable Connector dedicatedConnector;

	public MtlsTomcatWebServerFactoryCustomizer(MtlsServerProperties properties, SslBundles sslBundles) {
		this(properties, sslBundles, Clock.systemUTC());
	}

	MtlsTomcatWebServerFactoryCustomizer(MtlsServerProperties properties, SslBundles sslBundles, Clock clock) {
		this.properties = properties;
		this.sslBundles = sslBundles;
		this.resolver = new ServerSslBundleResolver(properties, sslBundles, clock);
	}

	@Override
	public int getOrder() {
		return 10;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		ServerSslBundleResolver.ResolvedBundle resolved = this.resolver.resolve();
		String bundleName = resolved.name();
		SslBundle bundle = resolved.bundle();
		if (this.properties.getPort() == null) {
			applyToMainConnector(factory, bundleName);
		}
		else {
			addDedicatedConnector(factory, bundleName, bundle);
		}
		if (this.properties.getSslImplementation() == MtlsServerProperties.SslImplementation.JSSE) {
			// Named, not left to Tomcat: on Java 22+ it picks OpenSSL by itself for a
			// connector
			// without a name once its OpenSSLLifecycleListener made OpenSSL available
			factory.addConnectorCustomizers(MtlsTomcatWebServerFactoryCustomizer::useJsse);
		}
	}

	private static void useJsse(Connector connector) {
		if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol && protocol.isSSLEnabled()
				&& protocol.getSslImplementationName() == null) {
			protocol.setSslImplementationName(JSSEImplementation.class.getName());
		}
	}

	private void applyToMainConnector(TomcatServletWebServerFactory factory, String bundleName) {
		ServerSslBundleResolver.refuseServerSsl(factory.getSsl());
		Ssl ssl = Ssl.forBundle(bundleName);
		ssl.setClientAuth(this.properties.getClientAuth());
		factory.setSsl(ssl);
		factory.setSslBundles(this.sslBundles);
	}

	private void addDedicatedConnector(TomcatServletWebServerFactory factory, String bundleName, SslBundle bundle) {
		Connector connector = new Connector(factory.getProtocol());
		connector.setPort(Objects.requireNonNull(this.properties.getPort()));
		connector.setThrowOnFailure(true);
		// The server.* connector settings, HTTP/2 and compression, as on the main
		// connector, once every factory customizer has run.
		factory.addConnectorCustomizers(new DedicatedConnectorSettings(factory, connector));
		SslConnectorCustomizer ssl = new SslConnectorCustomizer(logger, connector, this.properties.getClientAuth());
		ssl.customize(bundle, Map.of());
		// Same hot-swap path as Boot's main connector: a bundle update replaces the
		// SSLHostConfig, open connections keep their session.
		this.sslBundles.addBundleUpdateHandler(bundleName, (updated) -> ssl.update(null, updated));
		factory.addAdditionalConnectors(connector);
		this.dedicatedConnector = connector;
	}

	/**
	 * Return the dedicated mutual TLS connector, if one was added.
	 * @return the connector or {@code null}
	 */
	@Nullable Connector getDedicatedConnector() {
		return this.dedicatedConnector;
	}

}
