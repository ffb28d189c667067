package dev.mtls.boot.server;

import java.time.Clock;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.core.io.ResourceLoader;

/**
 * Registers the material of {@code mtls.server.keystore} and
 * {@code mtls.server.truststore} as the SSL bundle {@value #BUNDLE_NAME}, so that the web
 * server, and Boot's SSL health, info and metrics, see it like any other bundle.
 */
public class MtlsServerSslBundleRegistrar implements SslBundleRegistrar {

	/**
	 * Name of the SSL bundle that holds the server's mutual TLS material.
	 */
	public static final String BUNDLE_NAME = "mtls-server";

	private final MtlsServerProperties properties;

	private final ServerSslBundleFactory bundleFactory;

	public MtlsServerSslBundleRegistrar(MtlsServerProperties properties, ResourceLoader resourceLoader) {
		this.properties = properties;
		this.bundleFactory = new ServerSslBundleFactory(resourceLoader);
	}

	@Override
	public void registerBundles(SslBundleRegistry registry) {
		if (usesExternalBundle(this.properties)) {
			return;
		}
		registry.registerBundle(BUNDLE_NAME, this.bundleFactory.create(this.properties));
	}

	/**
	 * Load {@code mtls.server.keystore} and {@code mtls.server.truststore} again and
	 * check the result exactly as at startup, so that a reload never applies material the
	 * application would have refused to start with. One exception: a trust directory
	 * whose last CA file was deleted trusts nobody, so that deleting a CA refuses its
	 * clients.
	 * @return the new bundle, not yet registered
	 * @throws dev.mtls.boot.pki.MtlsMaterialException when the material cannot be used
	 */
	public SslBundle loadBundle() {
		SslBundle bundle = this.bundleFactory.create(this.properties, true);
		new ServerSslBundleValidator(Clock.systemUTC()).validate(bundle, ServerSslBundleFactory.KEYSTORE,
				ServerSslBundleFactory.TRUSTSTORE, this.properties.getClientAuth());
		return bundle;
	}

	static boolean usesExternalBundle(MtlsServerProperties properties) {
		return properties.getSslBundle() != null && !properties.getSslBundle().isBlank();
	}

}
