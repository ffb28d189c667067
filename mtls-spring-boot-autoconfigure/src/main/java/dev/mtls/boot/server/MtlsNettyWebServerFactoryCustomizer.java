package dev.mtls.boot.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Applies the server's mutual TLS bundle to Reactor Netty, as
 * {@link MtlsTomcatWebServerFactoryCustomizer} does to Tomcat: to the main server through
 * Boot's {@code Ssl.forBundle} (whose bundle update handler swaps the SSL context for new
 * handshakes), or, with {@code mtls.server.port}, to a second server on that port
 * ({@link NettyDedicatedMtlsServer}) that gets the main server's {@code server.*}
 * settings.
 */
public class MtlsNettyWebServerFactoryCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	private final MtlsServerProperties properties;

	private final SslBundles sslBundles;

	private final ServerSslBundleResolver resolver;

	private volatile @Nullable NettyReactiveWebServerFactory mainFactory;

	private volatile @Nullable String bundleName;

	private volatile boolean mainUsesForwardHeaders;

	public MtlsNettyWebServerFactoryCustomizer(MtlsServerProperties properties, SslBundles sslBundles) {
		this(properties, sslBundles, Clock.systemUTC());
	}

	MtlsNettyWebServerFactoryCustomizer(MtlsServerProperties properties, SslBundles sslBundles, Clock clock) {
		this.properties = properties;
		this.sslBundles = sslBundles;
		this.resolver = new ServerSslBundleResolver(properties, sslBundles, clock);
	}

	@Override
	public int getOrder() {
		return 10;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		String name = this.resolver.resolve().name();
		factory.addServerCustomizers(NettyHandshakeAlertDelivery::install);
		if (this.properties.getPort() == null) {
			ServerSslBundleResolver.refuseServerSsl(factory.getSsl());
			factory.setSsl(mtlsSsl(name));
			factory.setSslBundles(this.sslBundles);
			return;
		}
		this.bundleName = name;
		this.mainFactory = factory;
		// server.forward-headers-strategy reaches Netty only through the factory's
		// private flag: read it back from the main server's configuration.
		factory.addServerCustomizers(new ForwardHeadersCapture());
	}

	private Ssl mtlsSsl(String name) {
		Ssl ssl = Ssl.forBundle(name);
		ssl.setClientAuth(this.properties.getClientAuth());
		return ssl;
	}

	/**
	 * Tell whether mutual TLS is served on a dedicated port.
	 * @return whether {@code mtls.server.port} is set
	 */
	boolean hasDedicatedPort() {
		return this.mainFactory != null;
	}

	/**
	 * Build the factory of the dedicated mutual TLS server, once the main server's
	 * factory has been customized and its server created: the main server's address,
	 * HTTP/2, compression, shutdown, forwarded headers and Netty customizers, with
	 * {@code mtls.server.port} and the mutual TLS bundle.
	 * @param resourceFactory the shared Reactor resources, if any
	 * @return the factory
	 */
	NettyReactiveWebServerFactory dedicatedFactory(@Nullable ReactorResourceFactory resourceFactory) {
		NettyReactiveWebServerFactory main = Objects.requireNonNull(this.mainFactory);
		NettyReactiveWebServerFactory dedicated = new NettyReactiveWebServerFactory(
				Objects.requireNonNull(this.properties.getPort()));
		dedicated.setAddress(main.getAddress());
		dedicated.setHttp2(main.getHttp2());
		dedicated.setCompression(main.getCompression());
		dedicated.setShutdown(main.getShutdown());
		dedicated.setUseForwardHeaders(this.mainUsesForwardHeaders);
		dedicated.setResourceFactory(resourceFactory);
		List<NettyServerCustomizer> customizers = new ArrayList<>(main.getServerCustomizers());
		customizers.removeIf(ForwardHeadersCapture.class::isInstance);
		dedicated.setServerCustomizers(customizers);
		dedicated.setSsl(mtlsSsl(Objects.requireNonNull(this.bundleName)));
		// The main factory's bundles: customizers such as the handshake observation may
		// have decorated them.
		SslBundles bundles = main.getSslBundles();
		dedicated.setSslBundles((bundles != null) ? bundles : this.sslBundles);
		return dedicated;
	}

	private final class ForwardHeadersCapture implements NettyServerCustomizer {

		@Override
		public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
			MtlsNettyWebServerFactoryCustomizer.this.mainUsesForwardHeaders = server.configuration().isForwarded();
			return server;
		}

	}

}
