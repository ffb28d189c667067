package dev.mtls.boot.devpki;

import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Logs, once the application is ready, the curl command that calls it with the
 * development PKI's {@code alice} certificate.
 */
class DevPkiCurlCommandLogger implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(DevPkiCurlCommandLogger.class);

	private final DevPkiProperties properties;

	DevPkiCurlCommandLogger(DevPkiProperties properties) {
		this.properties = properties;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		if (!(environment instanceof ConfigurableEnvironment configurable)
				|| !configurable.getPropertySources().contains(DevPkiEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)) {
			return;
		}
		String port = environment.getProperty("local.mtls.port");
		if (port == null) {
			return;
		}
		logger.info(curlCommand(new DevelopmentPki(Path.of(DevPkiEnvironmentPostProcessor.directory(configurable))),
				Integer.parseInt(port)));
	}

	String curlCommand(DevelopmentPki pki, int port) {
		String path = this.properties.getCurlPath().startsWith("/") ? this.properties.getCurlPath()
				: "/" + this.properties.getCurlPath();
		String client = DevelopmentPki.CLIENTS.get(0);
		return "Call this application with the development client certificate '" + client
				+ "':%n  curl --cacert %s --cert %s --key %s https://localhost:%d%s".formatted(pki.caCertificate(),
						pki.clientCertificate(client), pki.clientKey(client), port, path);
	}

}
