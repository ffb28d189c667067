package dev.mtls.boot.client;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Gives {@link RestClient.Builder} and {@link RestTemplateBuilder} instances the setup of
 * an mTLS client in one call, like Boot's {@code RestClientSsl} does for a bundle: the
 * client's identity and trust, hostname and pinning rules, timeouts, base URL and error
 * reporting.
 *
 * <pre class="code">
 * RestClient partner = restClientBuilder.apply(mtlsRestClientSsl.fromClient("partner")).build();
 * RestTemplate template = mtlsRestClientSsl.apply(restTemplateBuilder, "partner").build();
 * </pre>
 *
 * Requests go through the JDK {@code HttpClient}, whose hostname check is done by the
 * client's trust manager, so that {@code verify-hostname} and pins apply exactly.
 */
public class MtlsRestClientSsl implements DisposableBean {

	private final MtlsClients clients;

	private final ClientRequestListeners listeners;

	private @Nullable ObjectProvider<MtlsClientInterceptorProvider> interceptors;

	private final HttpClientsByName httpClients = new HttpClientsByName();

	private final Map<String, ClientHttpRequestFactory> requestFactories = new ConcurrentHashMap<>();

	public MtlsRestClientSsl(MtlsClients clients) {
		this.clients = clients;
		this.listeners = ClientRequestListeners.NONE;
	}

	/**
	 * Create an instance whose clients tell the given listeners how each request ended.
	 * @param clients the configured clients
	 * @param listeners the {@link MtlsClientRequestListener} beans, looked up in order on
	 * each request
	 */
	public MtlsRestClientSsl(MtlsClients clients, ObjectProvider<MtlsClientRequestListener> listeners) {
		this.clients = clients;
		this.listeners = new ClientRequestListeners(listeners);
	}

	/**
	 * Create an instance whose clients tell the given listeners how each request ended
	 * and carry the interceptors the given providers contribute (such as an OAuth2 access
	 * token).
	 * @param clients the configured clients
	 * @param listeners the {@link MtlsClientRequestListener} beans
	 * @param interceptors the {@link MtlsClientInterceptorProvider} beans, asked when a
	 * builder is set up
	 */
	public MtlsRestClientSsl(MtlsClients clients, ObjectProvider<MtlsClientRequestListener> listeners,
			ObjectProvider<MtlsClientInterceptorProvider> interceptors) {
		this.clients = clients;
		this.listeners = new ClientRequestListeners(listeners);
		this.interceptors = interceptors;
	}

	/**
	 * Return a customizer that applies a named client to a {@link RestClient.Builder}.
	 * @param clientName the name used in {@code mtls.clients.<name>}
	 * @return the customizer for {@link RestClient.Builder#apply(Consumer)}
	 */
	public Consumer<RestClient.Builder> fromClient(String clientName) {
		return from(this.clients.get(clientName));
	}

	/**
	 * Return a customizer that applies the default client ({@code mtls.client.*}) to a
	 * {@link RestClient.Builder}.
	 * @return the customizer for {@link RestClient.Builder#apply(Consumer)}
	 */
	public Consumer<RestClient.Builder> fromDefaultClient() {
		return from(this.clients.getDefault());
	}

	/**
	 * Apply a named client to a {@link RestTemplateBuilder}.
	 * @param builder the builder
	 * @param clientName the name used in {@code mtls.clients.<name>}
	 * @return a new builder with the client's setup
	 */
	public RestTemplateBuilder apply(RestTemplateBuilder builder, String clientName) {
		return apply(builder, this.clients.get(clientName));
	}

	/**
	 * Apply the default client ({@code mtls.client.*}) to a {@link RestTemplateBuilder}.
	 * @param builder the builder
	 * @return a new builder with the client's setup
	 */
	public RestTemplateBuilder applyDefaultClient(RestTemplateBuilder builder) {
		return apply(builder, this.clients.getDefault());
	}

	/**
	 * Close the HTTP clients handed out by {@link #fromClient(String)} and
	 * {@link #fromDefaultClient()}.
	 */
	@Override
	public void destroy() {
		this.httpClients.close();
	}

	private Consumer<RestClient.Builder> from(MtlsClient client) {
		// One HTTP client (connection pool, selector thread) per named client, however
		// many RestClients use it; but a server certificate verifier (outbound
		// revocation) only runs on a new handshake, which a pooled connection would skip.
		ClientHttpRequestFactory requestFactory = client.sslBundle().verifiesServerCertificates()
				? requestFactory(client, HttpClientsByName.create(client)) : this.requestFactories
					.computeIfAbsent(client.getName(), (name) -> requestFactory(client, this.httpClients.get(client)));
		return (builder) -> {
			builder.requestFactory(requestFactory);
			builder.requestInterceptor(new MtlsClientRequestInterceptor(client, this.listeners));
			interceptors(client).forEach(builder::requestInterceptor);
			if (client.getBaseUrl() != null) {
				builder.baseUrl(client.getBaseUrl());
			}
		};
	}

	@SuppressWarnings("removal") // rootUri kept: baseUri resolves relative paths
									// differently
	private RestTemplateBuilder apply(RestTemplateBuilder builder, MtlsClient client) {
		RestTemplateBuilder configured = builder.requestFactoryBuilder(ClientHttpRequestFactoryBuilder.jdk())
			.sslBundle(client.getSslBundle())
			.connectTimeout(client.getConnectTimeout())
			.readTimeout(client.getReadTimeout())
			.additionalInterceptors(new MtlsClientRequestInterceptor(client, this.listeners))
			.additionalInterceptors(interceptors(client));
		return (client.getBaseUrl() != null) ? configured.rootUri(client.getBaseUrl()) : configured;
	}

	private List<ClientHttpRequestInterceptor> interceptors(MtlsClient client) {
		if (this.interceptors == null) {
			return List.of();
		}
		return this.interceptors.orderedStream()
			.map((provider) -> provider.interceptorFor(client))
			.filter(Objects::nonNull)
			.toList();
	}

	private static ClientHttpRequestFactory requestFactory(MtlsClient client, HttpClient httpClient) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		if (client.getReadTimeout() != null) {
			requestFactory.setReadTimeout(client.getReadTimeout());
		}
		return requestFactory;
	}

}
