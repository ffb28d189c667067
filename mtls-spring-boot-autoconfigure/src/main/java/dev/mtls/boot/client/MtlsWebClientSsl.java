package dev.mtls.boot.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Gives {@link WebClient.Builder} instances the setup of an mTLS client in one call, like
 * Boot's {@code WebClientSsl} does for a bundle.
 *
 * <pre class="code">
 * WebClient partner = webClientBuilder.apply(mtlsWebClientSsl.fromClient("partner")).build();
 * </pre>
 *
 * Requests go through Reactor Netty, or the JDK {@code HttpClient} without it; both leave
 * the hostname check to the client's trust manager.
 */
public class MtlsWebClientSsl implements DisposableBean {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			MtlsWebClientSsl.class.getClassLoader());

	private final MtlsClients clients;

	private final ClientRequestListeners listeners;

	private final HttpClientsByName httpClients = new HttpClientsByName();

	private final Map<String, ClientHttpConnector> connectors = new ConcurrentHashMap<>();

	public MtlsWebClientSsl(MtlsClients clients) {
		this.clients = clients;
		this.listeners = ClientRequestListeners.NONE;
	}

	/**
	 * Create an instance whose clients tell the given listeners how each request ended.
	 * @param clients the configured clients
	 * @param listeners the {@link MtlsClientRequestListener} beans, looked up in order on
	 * each request
	 */
	public MtlsWebClientSsl(MtlsClients clients, ObjectProvider<MtlsClientRequestListener> listeners) {
		this.clients = clients;
		this.listeners = new ClientRequestListeners(listeners);
	}

	/**
	 * Return a customizer that applies a named client to a {@link WebClient.Builder}.
	 * @param clientName the name used in {@code mtls.clients.<name>}
	 * @return the customizer for {@link WebClient.Builder#apply(Consumer)}
	 */
	public Consumer<WebClient.Builder> fromClient(String clientName) {
		return from(this.clients.get(clientName));
	}

	/**
	 * Return a customizer that applies the default client ({@code mtls.client.*}) to a
	 * {@link WebClient.Builder}.
	 * @return the customizer for {@link WebClient.Builder#apply(Consumer)}
	 */
	public Consumer<WebClient.Builder> fromDefaultClient() {
		return from(this.clients.getDefault());
	}

	/**
	 * Close the JDK HTTP clients handed out by {@link #fromClient(String)} and
	 * {@link #fromDefaultClient()} (Reactor Netty's share its global resources).
	 */
	@Override
	public void destroy() {
		this.httpClients.close();
	}

	private Consumer<WebClient.Builder> from(MtlsClient client) {
		if (client.getOauth2Registration() != null) {
			// Tokens are sent by the RestClient/RestTemplate interceptor only: a
			// WebClient
			// would call without one, so refuse rather than silently drop the setting.
			throw new IllegalStateException(client.getPropertyPrefix() + ".oauth2-registration is set, but "
					+ "certificate-bound OAuth2 tokens are sent by RestClient and RestTemplate only, not by WebClient. "
					+ "Use MtlsRestClientSsl for client '" + client.getName() + "', or remove the property.");
		}
		// One connector (connection pool) per named client, however many WebClients use
		// it.
		// (not with a server certificate verifier, which only runs on a new handshake)
		ClientHttpConnector connector = client.sslBundle().verifiesServerCertificates() ? connector(client, false)
				: this.connectors.computeIfAbsent(client.getName(), (name) -> connector(client, true));
		return (builder) -> {
			builder.clientConnector(connector);
			builder.filter(new MtlsClientExchangeFilter(client, this.listeners));
			if (client.getBaseUrl() != null) {
				builder.baseUrl(client.getBaseUrl());
			}
		};
	}

	private ClientHttpConnector connector(MtlsClient client, boolean shared) {
		if (REACTOR_NETTY_PRESENT) {
			HttpClientSettings settings = HttpClientSettings.ofSslBundle(client.getSslBundle())
				.withTimeouts(client.getConnectTimeout(), client.getReadTimeout());
			return ClientHttpConnectorBuilder.reactor().build(settings);
		}
		JdkClientHttpConnector connector = new JdkClientHttpConnector(
				shared ? this.httpClients.get(client) : HttpClientsByName.create(client));
		if (client.getReadTimeout() != null) {
			connector.setReadTimeout(client.getReadTimeout());
		}
		return connector;
	}

}
