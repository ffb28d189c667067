package dev.mtls.boot.devpki;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mtls.boot.pki.MtlsMaterialException;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Generates (or reuses) the development PKI and points {@code mtls.server.keystore} and
 * {@code mtls.server.truststore} at it, with the lowest precedence, when
 * {@code mtls.dev-pki.enabled=true} and no server identity is configured. Runs as an
 * environment post-processor so that the server configuration sees ordinary properties.
 */
public class DevPkiEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source that carries the development PKI locations.
	 */
	public static final String PROPERTY_SOURCE_NAME = "mtlsDevPki";

	private final Log logger;

	public DevPkiEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DevPkiEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		boolean server = flag(binder, "mtls.server.enabled", true);
		// Behind a proxy (plain HTTP) the development CA still validates forwarded
		// certificates.
		boolean proxy = flag(binder, "mtls.proxy.enabled", false);
		if (!flag(binder, "mtls.enabled", true) || !(server || proxy) || !flag(binder, "mtls.dev-pki.enabled", false)
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		if (server && isConfigured(environment, "mtls.server.keystore.location", "mtls.server.keystore.certificate",
				"mtls.server.keystore.private-key", "mtls.server.ssl-bundle")) {
			this.logger.warn("mtls.dev-pki.enabled=true is ignored: a server identity is configured. "
					+ "Remove mtls.dev-pki.enabled to silence this warning.");
			return;
		}
		if (server && proxy) {
			// The development CA would authenticate the proxy hop and every forwarded
			// identity while its key and ready-made client keys lie unencrypted on disk.
			throw new MtlsMaterialException("mtls.dev-pki.enabled",
					"mtls.dev-pki.enabled=true with mtls.proxy.enabled=true and mutual TLS on the server: the proxy "
							+ "hop would be authenticated by the development CA, whose key and client keys lie "
							+ "unencrypted in " + directory(environment) + ", so whoever reads them can connect "
							+ "as a proxy and forward any identity",
					"Behind a proxy during development, serve plain HTTP (mtls.server.enabled=false; the development "
							+ "CA still validates forwarded certificates), or configure the server's own material "
							+ "(mtls.server.keystore.*, mtls.server.truststore.*) for the TLS hop and remove "
							+ "mtls.dev-pki.enabled.");
		}
		DevelopmentPki pki = new DevelopmentPki(Path.of(directory(environment)));
		boolean generated = pki.ensure();
		Map<String, Object> properties = new LinkedHashMap<>();
		if (server) {
			properties.put("mtls.server.keystore.certificate", fileLocation(pki.serverCertificate()));
			properties.put("mtls.server.keystore.private-key", fileLocation(pki.serverKey()));
		}
		if (!isConfigured(environment, "mtls.server.truststore.location", "mtls.server.truststore.certificate")) {
			properties.put("mtls.server.truststore.certificate", fileLocation(pki.caCertificate()));
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		this.logger.warn("""
				**********************************************************************
				  DEVELOPMENT PKI IN USE (mtls.dev-pki.enabled=true) - NEVER IN PRODUCTION
				  %s throw-away CA, server and client certificates in %s
				  Anyone with these files can impersonate this server or its clients.
				**********************************************************************"""
			.formatted(generated ? "Generated" : "Reusing", pki.directory()));
	}

	static String directory(ConfigurableEnvironment environment) {
		String configured = environment.getProperty("mtls.dev-pki.directory");
		return (configured != null && !configured.isBlank()) ? configured
				: environment.resolvePlaceholders(DevPkiProperties.DEFAULT_DIRECTORY);
	}

	private static boolean flag(Binder binder, String name, boolean defaultValue) {
		return binder.bind(name, Boolean.class).orElse(defaultValue);
	}

	private static boolean isConfigured(ConfigurableEnvironment environment, String... names) {
		for (String name : names) {
			String value = environment.getProperty(name);
			if (value != null && !value.isBlank()) {
				return true;
			}
		}
		return false;
	}

	private static String fileLocation(Path path) {
		return "file:" + path.toAbsolutePath();
	}

}
