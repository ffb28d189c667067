package dev.mtls.boot.client;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.JdkHttpClientBuilder;

/**
 * One JDK {@link HttpClient} per named client, built on first use from the client's SSL
 * bundle and connect timeout, and closed with the application. Each {@code HttpClient}
 * owns a connection pool and a selector thread, so building one per call would leak both.
 */
final class HttpClientsByName {

	private static final Log logger = LogFactory.getLog(HttpClientsByName.class);

	private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

	HttpClient get(MtlsClient client) {
		return this.clients.computeIfAbsent(client.getName(), (name) -> create(client));
	}

	/**
	 * A new client that is not shared: the caller owns it.
	 */
	static HttpClient create(MtlsClient client) {
		return new JdkHttpClientBuilder().build(
				HttpClientSettings.ofSslBundle(client.getSslBundle()).withConnectTimeout(client.getConnectTimeout()));
	}

	/**
	 * Close every client (Java 21 and later; on older versions an {@code HttpClient}
	 * stops its thread once it is no longer referenced).
	 */
	void close() {
		this.clients.forEach((name, client) -> {
			if (client instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					logger.debug("Error while closing the HTTP client of mtls.clients." + name, ex);
				}
			}
		});
		this.clients.clear();
	}

}
