package dev.mtls.boot.server;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * The dedicated mutual TLS server on {@code mtls.server.port} of a WebFlux application: a
 * second Reactor Netty server bound to the application's {@link HttpHandler}, started
 * right after the main server and stopped (gracefully when {@code server.shutdown} says
 * so) before it. Its bundle reloads like the main server's, through Boot's bundle update
 * handler.
 */
final class NettyDedicatedMtlsServer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(NettyDedicatedMtlsServer.class);

	private final MtlsNettyWebServerFactoryCustomizer customizer;

	private final ObjectProvider<HttpHandler> httpHandler;

	private final ObjectProvider<ReactorResourceFactory> resourceFactory;

	private final ObjectProvider<NettyRouteProvider> routeProviders;

	private final ApplicationContext context;

	private volatile @Nullable WebServer webServer;

	private volatile @Nullable Shutdown shutdown;

	NettyDedicatedMtlsServer(MtlsNettyWebServerFactoryCustomizer customizer, ObjectProvider<HttpHandler> httpHandler,
			ObjectProvider<ReactorResourceFactory> resourceFactory, ObjectProvider<NettyRouteProvider> routeProviders,
			ApplicationContext context) {
		this.customizer = customizer;
		this.httpHandler = httpHandler;
		this.resourceFactory = resourceFactory;
		this.routeProviders = routeProviders;
		this.context = context;
	}

	@Override
	public void start() {
		if (!this.customizer.hasDedicatedPort() || this.webServer != null) {
			return;
		}
		NettyReactiveWebServerFactory factory = this.customizer.dedicatedFactory(this.resourceFactory.getIfAvailable());
		this.routeProviders.orderedStream().forEach(factory::addRouteProviders);
		WebServer server = factory.getWebServer(this.httpHandler.getObject());
		server.start();
		this.webServer = server;
		this.shutdown = factory.getShutdown();
		logger.info("Mutual TLS served on dedicated port " + server.getPort() + " (mtls.server.port)");
		LocalMtlsPortPublisher.publish(this.context, server.getPort());
	}

	@Override
	public void stop() {
		WebServer server = this.webServer;
		if (server != null) {
			this.webServer = null;
			server.stop();
		}
	}

	@Override
	public void stop(Runnable callback) {
		WebServer server = this.webServer;
		if (server == null || this.shutdown != Shutdown.GRACEFUL) {
			stop();
			callback.run();
			return;
		}
		server.shutDownGracefully((result) -> {
			stop();
			callback.run();
		});
	}

	@Override
	public boolean isRunning() {
		return this.webServer != null;
	}

	/**
	 * Start after the main server, stop before it.
	 */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE + 1;
	}

	/**
	 * Return the port of the running server.
	 * @return the port, or -1 when not running
	 */
	int getPort() {
		WebServer server = this.webServer;
		return (server != null) ? server.getPort() : -1;
	}

}
