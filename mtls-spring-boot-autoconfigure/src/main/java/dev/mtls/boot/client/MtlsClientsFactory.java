package dev.mtls.boot.client;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.mtls.boot.client.MtlsClientProperties.Client;
import dev.mtls.boot.client.MtlsClientProperties.NamedClient;
import dev.mtls.boot.devpki.DevPkiEnvironmentPostProcessor;
import dev.mtls.boot.devpki.DevPkiProperties;
import dev.mtls.boot.devpki.DevelopmentPki;
import dev.mtls.boot.pki.IdentityMaterial;
import dev.mtls.boot.pki.IdentityMaterialLoader;
import dev.mtls.boot.pki.KeyStoreEntries;
import dev.mtls.boot.pki.KeyStoreProperties;
import dev.mtls.boot.pki.MtlsMaterialException;
import dev.mtls.boot.pki.TrustMaterial;
import dev.mtls.boot.pki.TrustMaterialLoader;
import dev.mtls.boot.pki.TrustStoreProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.lang.Contract;
import org.springframework.util.ClassUtils;

/**
 * Creates the {@link MtlsClients} from {@link MtlsClientProperties}. Where a client's
 * identity and trust come from, first match wins:
 * <ul>
 * <li>identity: {@code mtls.clients.<name>.ssl-bundle} or {@code .keystore},
 * {@code mtls.client.ssl-bundle} or {@code .keystore}, the development PKI's client
 * {@code alice} when the development PKI is active, the server identity
 * ({@code mtls.server.ssl-bundle} or {@code mtls.server.keystore}) unless
 * {@code reuse-server-identity=false}, none;</li>
 * <li>trust: the same bundles, {@code .truststore} of the named then the default client,
 * the development CA when the development PKI is active, the JDK's default CAs.</li>
 * </ul>
 * Material from files is loaded at once (a broken file stops the application); material
 * from SSL bundles is loaded once the bundles are registered.
 */
final class MtlsClientsFactory {

	private static final Log logger = LogFactory.getLog(MtlsClientsFactory.class);

	private static final String CLIENT_AUTH_EKU = "1.3.6.1.5.5.7.3.2";

	private static final String ANY_EKU = "2.5.29.37.0";

	private static final String OAUTH2_CLIENT_MANAGER = "org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager";

	private final Environment environment;

	private final ObjectProvider<SslBundles> sslBundles;

	private final IdentityMaterialLoader identityLoader;

	private final TrustMaterialLoader trustLoader;

	private final Supplier<List<ServerCertificateVerifier>> serverCertificateVerifiers;

	MtlsClientsFactory(Environment environment, ResourceLoader resourceLoader, ObjectProvider<SslBundles> sslBundles) {
		this(environment, resourceLoader, sslBundles, List::of);
	}

	MtlsClientsFactory(Environment environment, ResourceLoader resourceLoader, ObjectProvider<SslBundles> sslBundles,
			Supplier<List<ServerCertificateVerifier>> serverCertificateVerifiers) {
		this.environment = environment;
		this.sslBundles = sslBundles;
		this.serverCertificateVerifiers = serverCertificateVerifiers;
		this.identityLoader = new IdentityMaterialLoader(resourceLoader);
		this.trustLoader = new TrustMaterialLoader(resourceLoader);
	}

	MtlsClients create(MtlsClientProperties properties) {
		Client defaults = properties.getClient();
		MtlsClient defaultClient = create(MtlsClients.DEFAULT_CLIENT_NAME, "mtls.client",
				MtlsClients.DEFAULT_BUNDLE_NAME, null, defaults, null);
		Map<String, MtlsClient> named = new LinkedHashMap<>();
		properties.getClients().forEach((name, client) -> {
			requireOAuth2Client(name, client);
			named.put(name, create(name, "mtls.clients." + name, MtlsClients.BUNDLE_NAME_PREFIX + name,
					client.getBaseUrl(), defaults, client));
		});
		return new MtlsClients(defaultClient, named);
	}

	/**
	 * Tokens are fetched with Spring Security's OAuth2 client; without it the setting
	 * would silently send no token.
	 */
	private static void requireOAuth2Client(String name, NamedClient client) {
		if (hasText(client.getOauth2Registration())
				&& !ClassUtils.isPresent(OAUTH2_CLIENT_MANAGER, MtlsClientsFactory.class.getClassLoader())) {
			throw new MtlsMaterialException("mtls.clients." + name + ".oauth2-registration",
					"an OAuth2 registration is set but Spring Security's OAuth2 client is not on the class path",
					"Add org.springframework.boot:spring-boot-starter-security-oauth2-client, or remove the property.");
		}
	}

	private MtlsClient create(String name, String prefix, String bundleName, @Nullable String baseUrl, Client defaults,
			@Nullable NamedClient named) {
		boolean verifyHostname = (named != null && named.getVerifyHostname() != null) ? named.getVerifyHostname()
				: defaults.isVerifyHostname();
		List<String> namedPins = (named != null) ? named.getPins() : null;
		ServerPins pins = ServerPins.parse(((namedPins != null) ? prefix : "mtls.client") + ".pins",
				(namedPins != null) ? namedPins : defaults.getPins());
		ExpectedServerIdentity expectedIdentity = (named != null) ? ExpectedServerIdentity.parse(prefix,
				named.getExpectedServer().getSpiffeId(), named.getExpectedServer().getDnsNames())
				: ExpectedServerIdentity.parse(prefix, null, null);
		Duration connectTimeout = (named != null && named.getConnectTimeout() != null) ? named.getConnectTimeout()
				: defaults.getConnectTimeout();
		Duration readTimeout = (named != null && named.getReadTimeout() != null) ? named.getReadTimeout()
				: defaults.getReadTimeout();
		if (!verifyHostname) {
			logger.warn("mTLS client '" + name + "' does not verify that server certificates name the host it calls ("
					+ (named != null && named.getVerifyHostname() != null ? prefix : "mtls.client")
					+ ".verify-hostname=false). Certificate chains are still validated"
					+ (pins.isEmpty() ? "; consider pinning the server's key with " + prefix + ".pins." : "."));
		}
		CertificateRequests requests = new CertificateRequests();
		ClientHandshakeMaterial handshakeMaterial = new ClientHandshakeMaterial();
		MtlsClientSslBundle bundle = new MtlsClientSslBundle(
				new ClientKeyManager(requests, handshakeMaterial), new ClientTrustManager(name, verifyHostname, pins,
						expectedIdentity, this.serverCertificateVerifiers, handshakeMaterial),
				handshakeMaterial, materialSupplier(name, prefix, defaults, named));
		if (!usesSslBundle(defaults, named)) {
			bundle.material();
		}
		MtlsClient client = new MtlsClient(name, prefix, bundleName, trimToNull(baseUrl), connectTimeout, readTimeout,
				requests, bundle);
		client.setOauth2Registration((named != null) ? trimToNull(named.getOauth2Registration()) : null);
		return client;
	}

	private Supplier<ClientMaterial> materialSupplier(String name, String prefix, Client defaults,
			@Nullable NamedClient named) {
		return () -> {
			ClientMaterial material = resolve(prefix, defaults, named);
			logMaterial(name, material);
			return material;
		};
	}

	private boolean usesSslBundle(Client defaults, @Nullable NamedClient named) {
		if (named != null && hasText(named.getSslBundle())) {
			return true;
		}
		boolean namedComplete = named != null && named.getKeystore().isConfigured()
				&& named.getTruststore().isConfigured();
		return !namedComplete && (hasText(defaults.getSslBundle()) || (identityFromServer(defaults, named)
				&& hasText(this.environment.getProperty("mtls.server.ssl-bundle"))));
	}

	private boolean identityFromServer(Client defaults, @Nullable NamedClient named) {
		return (named != null && named.getReuseServerIdentity() != null) ? named.getReuseServerIdentity()
				: defaults.isReuseServerIdentity();
	}

	private ClientMaterial resolve(String prefix, Client defaults, @Nullable NamedClient named) {
		Material identity = null;
		Material trust = null;
		if (named != null) {
			if (hasText(named.getSslBundle())) {
				requireNoStores(prefix, named.getKeystore(), named.getTruststore());
				return fromBundle(prefix + ".ssl-bundle", named.getSslBundle(), true);
			}
			identity = identity(prefix + ".keystore", named.getKeystore());
			trust = trust(prefix + ".truststore", named.getTruststore());
		}
		if (hasText(defaults.getSslBundle())) {
			requireNoStores("mtls.client", defaults.getKeystore(), defaults.getTruststore());
			if (identity == null || trust == null) {
				ClientMaterial bundle = fromBundle("mtls.client.ssl-bundle", defaults.getSslBundle(), true);
				identity = (identity != null) ? identity
						: new Material(bundle.identity(), Objects.requireNonNull(bundle.identitySource()));
				trust = (trust != null) ? trust : new Material(bundle.trust(), bundle.trustSource());
			}
		}
		else {
			identity = (identity != null) ? identity : identity("mtls.client.keystore", defaults.getKeystore());
			trust = (trust != null) ? trust : trust("mtls.client.truststore", defaults.getTruststore());
		}
		DevelopmentPki devPki = activeDevelopmentPki();
		if (devPki != null) {
			String client = DevelopmentPki.CLIENTS.get(0);
			if (identity == null || identity.value() == null) {
				KeyStoreProperties alice = new KeyStoreProperties();
				alice.setCertificate("file:" + devPki.clientCertificate(client));
				alice.setPrivateKey("file:" + devPki.clientKey(client));
				identity = identity("mtls.dev-pki (development client '" + client + "')", alice);
			}
			if (trust == null || trust.value() == null) {
				TrustStoreProperties ca = new TrustStoreProperties();
				ca.setCertificate("file:" + devPki.caCertificate());
				trust = trust("mtls.dev-pki (development CA)", ca);
			}
		}
		if ((identity == null || identity.value() == null) && identityFromServer(defaults, named)) {
			identity = serverIdentity();
		}
		IdentityMaterial identityMaterial = (identity != null) ? (IdentityMaterial) identity.value() : null;
		TrustMaterial trustMaterial = (trust != null) ? (TrustMaterial) trust.value() : null;
		return new ClientMaterial(identityMaterial,
				(identity != null && identityMaterial != null) ? identity.source() : null, trustMaterial,
				(trust != null && trustMaterial != null) ? trust.source() : "the JDK's default trusted CAs");
	}

	private @Nullable Material identity(String prefix, KeyStoreProperties properties) {
		IdentityMaterial identity = this.identityLoader.load(prefix, properties);
		return (identity != null) ? new Material(identity, prefix) : null;
	}

	private @Nullable Material trust(String prefix, TrustStoreProperties properties) {
		TrustMaterial trust = this.trustLoader.load(prefix, properties);
		return (trust != null) ? new Material(trust, prefix) : null;
	}

	private @Nullable Material serverIdentity() {
		Binder binder = Binder.get(this.environment);
		String serverBundle = binder.bind("mtls.server.ssl-bundle", String.class).orElse(null);
		if (hasText(serverBundle)) {
			ClientMaterial bundle = fromBundle("mtls.server.ssl-bundle", serverBundle, false);
			return new Material(bundle.identity(), Objects.requireNonNull(bundle.identitySource()));
		}
		KeyStoreProperties server = binder.bind("mtls.server.keystore", KeyStoreProperties.class)
			.orElseGet(KeyStoreProperties::new);
		return identity("mtls.server.keystore", server);
	}

	private @Nullable DevelopmentPki activeDevelopmentPki() {
		if (!(this.environment instanceof ConfigurableEnvironment configurable)
				|| !configurable.getPropertySources().contains(DevPkiEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)) {
			return null;
		}
		String directory = this.environment.getProperty("mtls.dev-pki.directory");
		if (!hasText(directory)) {
			directory = this.environment.resolvePlaceholders(DevPkiProperties.DEFAULT_DIRECTORY);
		}
		return new DevelopmentPki(Path.of(directory));
	}

	private ClientMaterial fromBundle(String property, String bundleName, boolean withTrust) {
		SslBundle bundle;
		SslBundles bundles = this.sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new MtlsMaterialException(property, "SSL bundles are not available in this application",
					"Configure the material with the keystore/truststore properties instead.");
		}
		try {
			bundle = bundles.getBundle(bundleName.trim());
		}
		catch (NoSuchSslBundleException ex) {
			throw new MtlsMaterialException(property,
					"no SSL bundle named '" + bundleName + "' is configured (known bundles: " + bundles.getBundleNames()
							+ ")",
					"Define it under spring.ssl.bundle.pem." + bundleName + ".* or spring.ssl.bundle.jks." + bundleName
							+ ".*, or correct " + property + ".",
					ex);
		}
		IdentityMaterial identity = bundleIdentity(property, bundleName, bundle);
		TrustMaterial trust = withTrust ? bundleTrust(property, bundleName, bundle) : null;
		String source = property + " ('" + bundleName + "')";
		return new ClientMaterial(identity, source, trust, (trust != null) ? source : "the JDK's default trusted CAs");
	}

	private @Nullable IdentityMaterial bundleIdentity(String property, String bundleName, SslBundle bundle) {
		KeyStore keyStore = bundle.getStores().getKeyStore();
		if (keyStore == null) {
			return null;
		}
		try {
			String alias = KeyStoreEntries.keyAlias(keyStore, bundle.getKey().getAlias());
			if (alias == null || !keyStore.isKeyEntry(alias)) {
				throw new MtlsMaterialException(property,
						"SSL bundle '" + bundleName + "' has no key entry"
								+ ((alias != null) ? " '" + alias + "'" : ""),
						"Configure the bundle's key store with the client's private key and certificate chain.");
			}
			String keyPassword = (bundle.getKey().getPassword() != null) ? bundle.getKey().getPassword()
					: bundle.getStores().getKeyStorePassword();
			List<X509Certificate> certificates = KeyStoreEntries.chain(keyStore, alias);
			return new IdentityMaterial(keyStore, bundle.getStores().getKeyStorePassword(), alias, keyPassword,
					certificates);
		}
		catch (GeneralSecurityException ex) {
			throw new MtlsMaterialException(property,
					"the key store of SSL bundle '" + bundleName + "' cannot be read (" + ex.getMessage() + ")",
					"Check the bundle's key store.", ex);
		}
	}

	private @Nullable TrustMaterial bundleTrust(String property, String bundleName, SslBundle bundle) {
		KeyStore trustStore = bundle.getStores().getTrustStore();
		if (trustStore == null) {
			return null;
		}
		try {
			List<X509Certificate> certificates = new ArrayList<>();
			for (String alias : Collections.list(trustStore.aliases())) {
				if (trustStore.getCertificate(alias) instanceof X509Certificate certificate) {
					certificates.add(certificate);
				}
			}
			return certificates.isEmpty() ? null : new TrustMaterial(trustStore, List.copyOf(certificates));
		}
		catch (GeneralSecurityException ex) {
			throw new MtlsMaterialException(property,
					"the trust store of SSL bundle '" + bundleName + "' cannot be read (" + ex.getMessage() + ")",
					"Check the bundle's trust store.", ex);
		}
	}

	private static void requireNoStores(String prefix, KeyStoreProperties keystore, TrustStoreProperties truststore) {
		if (keystore.isConfigured() || truststore.isConfigured()) {
			throw new MtlsMaterialException(prefix + ".ssl-bundle",
					"both " + prefix + ".ssl-bundle and " + prefix + ".keystore/truststore are configured",
					"Use either an SSL bundle or the " + prefix + ".keystore/truststore properties, not both.");
		}
	}

	private static void logMaterial(String name, ClientMaterial material) {
		if (material.identity() == null) {
			if (!MtlsClients.DEFAULT_CLIENT_NAME.equals(name)) {
				logger.info("mTLS client '" + name + "' has no identity configured: it presents no client certificate");
			}
			return;
		}
		X509Certificate certificate = material.identity().certificate();
		// A reused server identity is only reported when a server refuses it, so that
		// servers that make no outbound calls are not warned about their own certificate.
		if (!allowsClientAuth(certificate)
				&& !Objects.requireNonNull(material.identitySource()).startsWith("mtls.server")) {
			logger.warn("mTLS client '" + name + "' presents '" + certificate.getSubjectX500Principal().getName()
					+ "' from " + material.identitySource() + ", whose extended key usage does not include "
					+ "clientAuth: servers that check it (Java, nginx, OpenSSL) will refuse it. Configure a client "
					+ "certificate for this client.");
		}
	}

	static boolean allowsClientAuth(X509Certificate certificate) {
		try {
			List<String> usages = certificate.getExtendedKeyUsage();
			return usages == null || usages.contains(CLIENT_AUTH_EKU) || usages.contains(ANY_EKU);
		}
		catch (CertificateParsingException ex) {
			return true;
		}
	}

	@Contract("null -> false")
	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	private static @Nullable String trimToNull(@Nullable String value) {
		return hasText(value) ? value.trim() : null;
	}

	private record Material(@Nullable Object value, String source) {

	}

}
