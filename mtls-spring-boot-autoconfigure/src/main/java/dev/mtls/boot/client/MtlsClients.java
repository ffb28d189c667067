package dev.mtls.boot.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The configured outbound mutual TLS clients: the default client ({@code mtls.client.*})
 * and the named ones ({@code mtls.clients.<name>.*}).
 *
 * <pre class="code">
 * RestClient partner = restClientBuilder.apply(mtlsRestClientSsl.fromClient("partner")).build();
 * </pre>
 */
public class MtlsClients implements SmartInitializingSingleton {

	/**
	 * Name of the default client.
	 */
	public static final String DEFAULT_CLIENT_NAME = "default";

	/**
	 * Name of the SSL bundle of the default client.
	 */
	public static final String DEFAULT_BUNDLE_NAME = "mtls-client";

	/**
	 * Prefix of the SSL bundle names of named clients, followed by the client name.
	 */
	public static final String BUNDLE_NAME_PREFIX = "mtls-client-";

	private final MtlsClient defaultClient;

	private final Map<String, MtlsClient> named;

	MtlsClients(MtlsClient defaultClient, Map<String, MtlsClient> named) {
		this.defaultClient = defaultClient;
		this.named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
	}

	/**
	 * Return the default client.
	 * @return the client configured by {@code mtls.client.*}
	 */
	public MtlsClient getDefault() {
		return this.defaultClient;
	}

	/**
	 * Return a named client.
	 * @param name the name used in {@code mtls.clients.<name>}
	 * @return the client
	 * @throws IllegalArgumentException when no client of that name is configured
	 */
	public MtlsClient get(String name) {
		MtlsClient client = this.named.get(name);
		if (client == null) {
			throw new IllegalArgumentException("No mTLS client named '" + name + "' is configured (configured: "
					+ this.named.keySet() + "). Configure it with mtls.clients." + name + ".*");
		}
		return client;
	}

	/**
	 * Return the names of the named clients.
	 * @return the names, in configuration order
	 */
	public Set<String> getNames() {
		return this.named.keySet();
	}

	List<MtlsClient> all() {
		List<MtlsClient> all = new ArrayList<>();
		all.add(this.defaultClient);
		all.addAll(this.named.values());
		return all;
	}

	/**
	 * Load the material of clients that use an SSL bundle, so that a broken bundle stops
	 * the application at startup rather than at the first call.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		all().forEach((client) -> client.sslBundle().material());
	}

}
