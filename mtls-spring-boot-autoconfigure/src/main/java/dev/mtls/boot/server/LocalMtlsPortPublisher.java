package dev.mtls.boot.server;

import java.util.HashMap;
import java.util.Map;

import org.apache.catalina.connector.Connector;

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

	private final MtlsTomcatWebServerFactoryCustomizer customizer;

	LocalMtlsPortPublisher(MtlsTomcatWebServerFactoryCustomizer customizer) {
		this.customizer = customizer;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		Connector connector = this.customizer.getDedicatedConnector();
		int port = (connector != null) ? connector.getLocalPort() : event.getWebServer().getPort();
		publish(event.getApplicationContext(), port);
	}

	@SuppressWarnings("unchecked")
	private void publish(ApplicationContext context, int port) {
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
