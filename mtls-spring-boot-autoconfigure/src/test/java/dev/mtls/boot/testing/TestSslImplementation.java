package dev.mtls.boot.testing;

import java.util.Map;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs every application a test starts on the SSL implementation named by the system
 * property {@value #SYSTEM_PROPERTY} ({@code jsse} or {@code openssl}; unset: the
 * application's own choice), as {@code mtls.server.ssl-implementation}. CI runs the
 * server-side tests once per implementation on Java 25.
 */
public class TestSslImplementation implements EnvironmentPostProcessor {

	/**
	 * The system property that selects the implementation.
	 */
	public static final String SYSTEM_PROPERTY = "mtls.test.ssl-implementation";

	static final String PROPERTY = "mtls.server.ssl-implementation";

	static final String OPENSSL_FFM = "org.apache.tomcat.util.net.openssl.panama.OpenSSLImplementation";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String implementation = System.getProperty(SYSTEM_PROPERTY);
		// Tomcat only: Reactor Netty refuses openssl, and the reactive side of the shared
		// specifications runs on JSSE in both legs.
		if (implementation != null && !implementation.isBlank()
				&& application.getWebApplicationType() == WebApplicationType.SERVLET) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("testSslImplementation", Map.of(PROPERTY, implementation.trim())));
		}
	}

	/**
	 * Return whether the tests run on OpenSSL.
	 * @return whether {@value #SYSTEM_PROPERTY} is {@code openssl}
	 */
	public static boolean isOpenSsl() {
		return "openssl".equals(System.getProperty(SYSTEM_PROPERTY));
	}

	/**
	 * Fails the start of an application whose TLS connectors do not use the selected
	 * implementation, so that a silent fall-back to JSSE fails the test: each TLS
	 * connector of an application with the starter's server names the implementation, and
	 * with OpenSSL each of its TLS hosts carries an initialised OpenSSL context (Tomcat
	 * sets it on the {@code SSLHostConfig} only when OpenSSL built one).
	 */
	public static class ConnectorCheck implements ApplicationListener<WebServerInitializedEvent> {

		@Override
		public void onApplicationEvent(WebServerInitializedEvent event) {
			Environment environment = event.getApplicationContext().getEnvironment();
			String selected = System.getProperty(SYSTEM_PROPERTY);
			if (selected == null || !(event.getWebServer() instanceof TomcatWebServer tomcat)
					|| !environment.getProperty("mtls.enabled", Boolean.class, true)
					|| !environment.getProperty("mtls.server.enabled", Boolean.class, true)) {
				return;
			}
			boolean openSsl = "openssl".equals(environment.getProperty(PROPERTY));
			for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
				if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol
						&& protocol.isSSLEnabled()) {
					check(connector, protocol, openSsl);
				}
			}
		}

		static void check(Connector connector, AbstractHttp11Protocol<?> protocol, boolean openSsl) {
			String implementation = protocol.getSslImplementationName();
			boolean namesOpenSsl = OPENSSL_FFM.equals(implementation);
			for (SSLHostConfig host : protocol.findSslHostConfigs()) {
				Long context = host.getOpenSslContext();
				boolean built = context != null && context != 0;
				if (namesOpenSsl != openSsl || built != openSsl) {
					throw new IllegalStateException("TLS connector on port " + connector.getLocalPort() + " should use "
							+ (openSsl ? "OpenSSL" : "JSSE") + " but its SSL implementation is " + implementation
							+ " and its host " + host.getHostName()
							+ (built ? " has an OpenSSL context" : " has no OpenSSL context"));
				}
			}
		}

	}

}
