package dev.mtls.boot.server;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Publishes the port that serves mutual TLS as {@value #PROPERTY}, like Boot publishes
 * {@code local.server.port}, so that tests and logs can find a random
 * {@code mtls.server.port=0}.
 */
class LocalMtlsPortPublisher implements ApplicationListener<WebServerInitializedEvent> {

	static final String PROPERTY = "local.mtls.port";

	private static final String PROPERTY_SOURCE_NAME = "server.ports";

	private final IntSupplier dedicatedPort;

	/**
	 * Create a publisher.
	 * @param dedicatedPort the port of the dedicated mutual TLS listener: -1 when there
	 * is none (the main server's port is published), 0 when it starts later and publishes
	 * its port itself
	 */
	LocalMtlsPortPublisher(IntSupplier dedicatedPort) {
		this.dedicatedPort = dedicatedPort;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		int port = this.dedicatedPort.getAsInt();
		if (port == 0) {
			return;
		}
		publish(event.getApplicationContext(), (port > 0) ? port : event.getWebServer().getPort());
	}

	@SuppressWarnings("unchecked")
	static void publish(ApplicationContext context, int port) {
		if (!(context.getEnvironment() instanceof ConfigurableEnvironment environment)) {
			return;
		}
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
		if (source == null) {
			source = new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>());
			sources.addFirst(source);
		}
		((Map<String, Object>) source.getSource()).put(PROPERTY, port);
		if (context.getParent() != null) {
			publish(context.getParent(), port);
		}
	}

}
