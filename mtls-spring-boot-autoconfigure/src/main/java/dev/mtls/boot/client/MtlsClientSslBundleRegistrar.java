package dev.mtls.boot.client;

import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundleRegistry;

/**
 * Registers each client's SSL bundle, {@value MtlsClients#DEFAULT_BUNDLE_NAME} for the
 * default client and {@code mtls-client-<name>} for named ones, so that Boot's HTTP
 * service clients ({@code spring.http.serviceclient.<group>.ssl.bundle}), its SSL health
 * and info, and any code using {@code SslBundles} can use them.
 */
public class MtlsClientSslBundleRegistrar implements SslBundleRegistrar {

	private final MtlsClients clients;

	public MtlsClientSslBundleRegistrar(MtlsClients clients) {
		this.clients = clients;
	}

	@Override
	public void registerBundles(SslBundleRegistry registry) {
		for (MtlsClient client : this.clients.all()) {
			registry.registerBundle(client.getBundleName(), client.getSslBundle());
		}
	}

}
