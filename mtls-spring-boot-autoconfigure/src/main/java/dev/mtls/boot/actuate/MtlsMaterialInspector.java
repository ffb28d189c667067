package dev.mtls.boot.actuate;

import dev.mtls.boot.pki.KeyStoreEntries;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import dev.mtls.boot.client.MtlsClient;
import dev.mtls.boot.client.MtlsClients;
import dev.mtls.boot.server.MtlsServerProperties;
import dev.mtls.boot.server.MtlsServerSslBundleRegistrar;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.server.Ssl;

/**
 * Reads the certificates of the starter's SSL bundles ({@code mtls-server}, or the bundle
 * named by {@code mtls.server.ssl-bundle}, and {@code mtls-client*}) from
 * {@link SslBundles}, so that what is reported is what Boot and the web server use. Only
 * certificates are read, never keys.
 */
final class MtlsMaterialInspector {

	private final SslBundles sslBundles;

	private final @Nullable MtlsServerProperties serverProperties;

	private final @Nullable MtlsClients clients;

	private final boolean defaultClientConfigured;

	private volatile @Nullable Supplier<List<X509Certificate>> proxyAnchors;

	private volatile boolean proxyRevalidates;

	MtlsMaterialInspector(SslBundles sslBundles, @Nullable MtlsServerProperties serverProperties,
			@Nullable MtlsClients clients) {
		this(sslBundles, serverProperties, clients, true);
	}

	/**
	 * Create an inspector.
	 * @param defaultClientConfigured whether any {@code mtls.client.*} property is set:
	 * the default client exists anyway, but is reported only when someone configured it
	 */
	MtlsMaterialInspector(SslBundles sslBundles, @Nullable MtlsServerProperties serverProperties,
			@Nullable MtlsClients clients, boolean defaultClientConfigured) {
		this.sslBundles = sslBundles;
		this.serverProperties = serverProperties;
		this.clients = clients;
		this.defaultClientConfigured = defaultClientConfigured;
	}

	/**
	 * Return the server's material, or {@code null} when the server part is off.
	 */
	@Nullable BundleMaterial server() {
		if (this.serverProperties == null) {
			return null;
		}
		String sslBundle = this.serverProperties.getSslBundle();
		String name = (sslBundle != null && !sslBundle.isBlank()) ? sslBundle
				: MtlsServerSslBundleRegistrar.BUNDLE_NAME;
		if (!this.sslBundles.getBundleNames().contains(name)) {
			return null;
		}
		boolean trustRequired = this.serverProperties.getClientAuth() != Ssl.ClientAuth.NONE;
		return read("server", name, this.sslBundles.getBundle(name), trustRequired, false);
	}

	/**
	 * Return the material of each configured outbound client, the default client first.
	 */
	List<BundleMaterial> clients() {
		if (this.clients == null) {
			return List.of();
		}
		List<BundleMaterial> result = new ArrayList<>();
		if (this.defaultClientConfigured) {
			result.add(client(this.clients.getDefault()));
		}
		this.clients.getNames().forEach((name) -> result.add(client(this.clients.get(name))));
		return result;
	}

	/**
	 * Report the trust anchors that forwarded certificates are validated against.
	 * @param anchors the anchors in force, read at every report (they follow reloads)
	 * @param required whether forwarded certificates are re-validated
	 */
	void setProxyTrustAnchors(Supplier<List<X509Certificate>> anchors, boolean required) {
		this.proxyRevalidates = required;
		this.proxyAnchors = anchors;
	}

	/**
	 * Return the trust anchors of proxy mode, or {@code null} when proxy mode is off.
	 */
	@Nullable BundleMaterial proxy() {
		Supplier<List<X509Certificate>> anchors = this.proxyAnchors;
		return (anchors != null) ? new BundleMaterial("proxy", "mtls.server.truststore", false, List.of(),
				List.copyOf(anchors.get()), false, this.proxyRevalidates) : null;
	}

	/**
	 * Return the server's material, proxy mode's trust anchors, then the clients'.
	 */
	List<BundleMaterial> all() {
		List<BundleMaterial> all = new ArrayList<>();
		BundleMaterial server = server();
		if (server != null) {
			all.add(server);
		}
		BundleMaterial proxy = proxy();
		if (proxy != null) {
			all.add(proxy);
		}
		all.addAll(clients());
		return all;
	}

	private BundleMaterial client(MtlsClient client) {
		return read(client.getName(), client.getBundleName(), client.getSslBundle(), false, true);
	}

	private static BundleMaterial read(String owner, String bundleName, SslBundle bundle, boolean trustRequired,
			boolean client) {
		SslStoreBundle stores = bundle.getStores();
		KeyStore keyStore = stores.getKeyStore();
		KeyStore trustStore = stores.getTrustStore();
		try {
			List<X509Certificate> identity = (keyStore != null) ? identity(keyStore, bundle.getKey().getAlias())
					: List.of();
			List<X509Certificate> trusted = (trustStore != null) ? trusted(trustStore) : List.of();
			return new BundleMaterial(owner, bundleName, client, identity, trusted, client && trustStore == null,
					trustRequired);
		}
		catch (KeyStoreException ex) {
			throw new IllegalStateException("Unable to read the certificates of SSL bundle '" + bundleName + "'", ex);
		}
	}

	private static List<X509Certificate> identity(KeyStore keyStore, @Nullable String alias) throws KeyStoreException {
		return KeyStoreEntries.chain(keyStore, KeyStoreEntries.keyAlias(keyStore, alias));
	}

	private static List<X509Certificate> trusted(KeyStore trustStore) throws KeyStoreException {
		List<X509Certificate> result = new ArrayList<>();
		for (String alias : Collections.list(trustStore.aliases())) {
			if (trustStore.isCertificateEntry(alias)
					&& trustStore.getCertificate(alias) instanceof X509Certificate x509) {
				result.add(x509);
			}
		}
		return List.copyOf(result);
	}

	/**
	 * Certificates of one SSL bundle.
	 *
	 * @param owner {@code server}, or the client name
	 * @param bundle the SSL bundle name
	 * @param client whether this is an outbound client
	 * @param identity own certificate chain, leaf first (empty without identity)
	 * @param trusted trusted certificates (empty with JDK default trust)
	 * @param jdkDefaultTrust whether the JDK's default CAs are trusted
	 * @param trustRequired whether an empty trust store makes the bundle unusable
	 */
	record BundleMaterial(String owner, String bundle, boolean client, List<X509Certificate> identity,
			List<X509Certificate> trusted, boolean jdkDefaultTrust, boolean trustRequired) {

	}

}
