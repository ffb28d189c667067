package dev.mtls.boot.server;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Server defaults that suit mutual TLS better than the general ones, added with the
 * lowest precedence so that any value the application sets wins:
 * <ul>
 * <li>{@code server.tomcat.max-keep-alive-requests=1000} (Tomcat: 100). A client that
 * reaches the limit reconnects, and every new connection costs a full handshake with
 * certificate verification on both sides, tens of times the CPU of a request on a kept
 * connection. 1000 is nginx's default: connections are still recycled, a hundred times
 * less often than a request costs.</li>
 * </ul>
 */
public class MtlsServerDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source that carries the defaults.
	 */
	public static final String PROPERTY_SOURCE_NAME = "mtlsServerDefaults";

	static final Map<String, Object> DEFAULTS = Map.of("server.tomcat.max-keep-alive-requests", 1000);

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		if (!flag(binder, "mtls.enabled") || !flag(binder, "mtls.server.enabled")
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, DEFAULTS));
	}

	private static boolean flag(Binder binder, String name) {
		return binder.bind(name, Boolean.class).orElse(true);
	}

}
