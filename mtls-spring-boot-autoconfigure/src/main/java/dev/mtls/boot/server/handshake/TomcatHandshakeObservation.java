package dev.mtls.boot.server.handshake;

import java.io.IOException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.UpgradeProtocol;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLContext;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.jsse.JSSEImplementation;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.jspecify.annotations.Nullable;

/**
 * Observes the TLS handshakes of Tomcat's TLS connectors (the main one and additional
 * ones such as the dedicated {@code mtls.server.port}) without JVM-wide state: each
 * {@code SSLHostConfig} certificate gets an SSL context that Tomcat's own
 * {@code JSSEUtil} builds from the same configuration, with observing trust managers and
 * engines; an engine-level access log supplies the peer address of failed handshakes.
 * After an SSL bundle update (Boot applies the new stores to the {@code SSLHostConfig})
 * the context is built again from the new stores. The same holds for Tomcat's OpenSSL
 * implementation through FFM ({@code mtls.server.ssl-implementation=openssl}): OpenSSL
 * hands each client chain to the same Java trust manager through its verify callback.
 * Connectors using another SSL implementation (Tomcat Native's) are left alone.
 * <p>
 * The contexts are installed when a connector initialises, once every customizer has
 * chosen its SSL implementation, upgrade protocols (ALPN) and stores.
 */
public class TomcatHandshakeObservation implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private static final Log logger = LogFactory.getLog(TomcatHandshakeObservation.class);

	private final HandshakeObserver observer;

	private final SslBundles sslBundles;

	private final Set<Connector> connectors = ConcurrentHashMap.newKeySet();

	public TomcatHandshakeObservation(HandshakeObserver observer, SslBundles sslBundles) {
		this.observer = observer;
		this.sslBundles = sslBundles;
	}

	/**
	 * After the starter's server customizer, which adds the dedicated connector.
	 */
	@Override
	public int getOrder() {
		return 20;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		// Connector customizers run after Boot applied SSL to the main connector
		factory.addConnectorCustomizers(this::observe);
		factory.getAdditionalConnectors().forEach(this::observe);
		factory.addEngineValves(new HandshakeFailureAccessLog(this.observer));
	}

	void observe(Connector connector) {
		if (!(connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol)
				|| !this.connectors.add(connector)) {
			return;
		}
		connector.addLifecycleListener((event) -> {
			if (Lifecycle.BEFORE_INIT_EVENT.equals(event.getType()) && isObserved(connector, protocol)) {
				install(protocol);
				// Registered after the handler that replaces the SSLHostConfig on update
				for (String bundle : this.sslBundles.getBundleNames()) {
					this.sslBundles.addBundleUpdateHandler(bundle, (updated) -> install(protocol));
				}
			}
		});
	}

	private static boolean isObserved(Connector connector, AbstractHttp11Protocol<?> protocol) {
		if (!protocol.isSSLEnabled()) {
			return false;
		}
		String implementation = protocol.getSslImplementationName();
		if (implementation == null || implementation.equals(JSSEImplementation.class.getName())
				|| implementation.equals(ObservingOpenSslContextBuilder.IMPLEMENTATION)) {
			return true;
		}
		logger.debug("TLS handshake refusals are not observed on port " + connector.getPort() + ": SSL implementation "
				+ implementation + " is neither JSSE nor Tomcat's OpenSSL through FFM");
		return false;
	}

	private void install(AbstractHttp11Protocol<?> protocol) {
		boolean openSsl = ObservingOpenSslContextBuilder.IMPLEMENTATION.equals(protocol.getSslImplementationName());
		for (SSLHostConfig config : protocol.findSslHostConfigs()) {
			for (SSLHostConfigCertificate certificate : config.getCertificates()) {
				if (needsObservingContext(config, certificate)) {
					certificate.setSslContext(openSsl ? createOpenSslContext(protocol, config, certificate)
							: createSslContext(config, certificate));
				}
			}
		}
	}

	private static @Nullable KeyStore keyStore(SSLHostConfigCertificate certificate) {
		try {
			return certificate.getCertificateKeystore();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static @Nullable KeyStore trustStore(SSLHostConfig config) {
		try {
			return config.getTruststore();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Whether Tomcat would build the context itself, or the context is ours but built
	 * from stores that an update (Boot reuses the {@code SSLHostConfig} and its
	 * certificate) has since replaced. A context provided by someone else is left alone.
	 */
	private static boolean needsObservingContext(SSLHostConfig config, SSLHostConfigCertificate certificate) {
		SSLContext current = certificate.getSslContext();
		if (current instanceof ObservingSslContext observing) {
			return !observing.isBuiltFrom(keyStore(certificate), trustStore(config));
		}
		return current == null || current == certificate.getSslContextGenerated();
	}

	private ObservingSslContext createSslContext(SSLHostConfig config, SSLHostConfigCertificate certificate) {
		try {
			return new ObservingSslContext(
					new ObservingJsseContextBuilder(certificate, this.observer).createSSLContext(List.of()),
					this.observer, keyStore(certificate), trustStore(config), false);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Unable to create the SSL context of the TLS connector: " + ex.getMessage(),
					ex);
		}
	}

	private ObservingSslContext createOpenSslContext(AbstractHttp11Protocol<?> protocol, SSLHostConfig config,
			SSLHostConfigCertificate certificate) {
		try {
			return new ObservingOpenSslContextBuilder(certificate, this.observer)
				.createSslContext(negotiableProtocols(protocol), keyStore(certificate), trustStore(config));
		}
		catch (Exception ex) {
			throw new IllegalStateException(
					"Unable to create the OpenSSL context of the TLS connector: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The ALPN names Tomcat's endpoint offers (HTTP/2 when enabled): OpenSSL negotiates
	 * them in the context, JSSE per engine.
	 */
	private static List<String> negotiableProtocols(AbstractHttp11Protocol<?> protocol) {
		List<String> names = new ArrayList<>();
		for (UpgradeProtocol upgrade : protocol.findUpgradeProtocols()) {
			String name = upgrade.getAlpnName();
			if (name != null && !name.isEmpty()) {
				names.add(name);
			}
		}
		return names;
	}

}
