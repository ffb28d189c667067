package dev.mtls.boot.server;

import java.time.Clock;
import java.util.Objects;

import dev.mtls.boot.pki.MtlsMaterialException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;

/**
 * Finds the SSL bundle the server serves mutual TLS with, whatever the web server: the
 * starter's own bundle built from {@code mtls.server.keystore}/{@code truststore}, or the
 * one named by {@code mtls.server.ssl-bundle}; and checks it as at startup
 * ({@link ServerSslBundleValidator}), naming the property at fault.
 */
final class ServerSslBundleResolver {

	private final MtlsServerProperties properties;

	private final SslBundles sslBundles;

	private final ServerSslBundleValidator validator;

	ServerSslBundleResolver(MtlsServerProperties properties, SslBundles sslBundles, Clock clock) {
		this.properties = properties;
		this.sslBundles = sslBundles;
		this.validator = new ServerSslBundleValidator(clock);
	}

	/**
	 * Find and validate the server's bundle.
	 * @return the bundle and its name
	 * @throws MtlsMaterialException when no usable bundle is configured
	 */
	ResolvedBundle resolve() {
		boolean external = MtlsServerSslBundleRegistrar.usesExternalBundle(this.properties);
		String bundleName = external ? Objects.requireNonNull(this.properties.getSslBundle()).trim()
				: MtlsServerSslBundleRegistrar.BUNDLE_NAME;
		SslBundle bundle = getBundle(bundleName, external);
		String keyProperty = external ? "mtls.server.ssl-bundle" : ServerSslBundleFactory.KEYSTORE;
		String trustProperty = external ? "mtls.server.ssl-bundle" : ServerSslBundleFactory.TRUSTSTORE;
		this.validator.validate(bundle, keyProperty, trustProperty, this.properties.getClientAuth());
		return new ResolvedBundle(bundleName, bundle);
	}

	/**
	 * Refuse a {@code server.ssl} configuration of the main port when mutual TLS is to be
	 * served there too: one of the two would silently lose.
	 * @param existing the server's {@code server.ssl} settings
	 */
	static void refuseServerSsl(@Nullable Ssl existing) {
		if (Ssl.isEnabled(existing) && (existing.getBundle() != null || existing.getKeyStore() != null
				|| existing.getCertificate() != null)) {
			throw new MtlsMaterialException("server.ssl",
					"both server.ssl.* and mtls.server.* configure TLS for the connector on server.port",
					"Remove the server.ssl.* properties, or set mtls.server.port to serve mutual TLS on a dedicated "
							+ "port next to the server.ssl one, or set mtls.server.enabled=false to keep only "
							+ "server.ssl.");
		}
	}

	private SslBundle getBundle(String bundleName, boolean external) {
		if (external && isMaterialConfigured()) {
			throw new MtlsMaterialException("mtls.server.ssl-bundle",
					"both mtls.server.ssl-bundle and mtls.server.keystore/truststore are configured",
					"Use either an SSL bundle or the mtls.server.keystore/truststore properties, not both.");
		}
		try {
			return this.sslBundles.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			if (!external) {
				throw ServerSslBundleFactory.nothingConfigured();
			}
			throw new MtlsMaterialException("mtls.server.ssl-bundle",
					"no SSL bundle named '" + bundleName + "' is configured (known bundles: "
							+ this.sslBundles.getBundleNames() + ")",
					"Define it under spring.ssl.bundle.pem." + bundleName + ".* or spring.ssl.bundle.jks." + bundleName
							+ ".*, or correct mtls.server.ssl-bundle.",
					ex);
		}
	}

	private boolean isMaterialConfigured() {
		return this.properties.getKeystore().isConfigured() || this.properties.getTruststore().isConfigured();
	}

	/**
	 * The server's bundle and the name it is registered under, which reloads update.
	 *
	 * @param name the bundle name
	 * @param bundle the bundle
	 */
	record ResolvedBundle(String name, SslBundle bundle) {

	}

}
