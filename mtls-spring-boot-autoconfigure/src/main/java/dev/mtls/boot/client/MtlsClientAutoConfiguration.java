package dev.mtls.boot.client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for outbound mutual TLS clients: the {@link MtlsClients} registry,
 * their SSL bundles, helpers for user-obtained builders and ready default clients. The
 * default clients are lazy: each builds an HTTP client (SSL context, selector thread)
 * that an application which never injects it should not pay for at startup; the client
 * material itself is still loaded, and checked, at startup.
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
		afterName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration",
				"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MtlsClientProperties.class)
public final class MtlsClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MtlsClients mtlsClients(MtlsClientProperties properties, Environment environment, ResourceLoader resourceLoader,
			ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<ServerCertificateVerifier> serverCertificateVerifiers) {
		// Looked up at handshake time: verifiers may be defined by configurations that
		// need the clients themselves.
		return new MtlsClientsFactory(environment, resourceLoader, sslBundles,
				() -> serverCertificateVerifiers.orderedStream().toList())
			.create(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	MtlsClientSslBundleRegistrar mtlsClientSslBundleRegistrar(MtlsClients clients) {
		return new MtlsClientSslBundleRegistrar(clients);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClient.class, RestTemplateBuilder.class, ClientHttpRequestFactoryBuilder.class })
	static class RestClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MtlsRestClientSsl mtlsRestClientSsl(MtlsClients clients, ObjectProvider<MtlsClientRequestListener> listeners,
				ObjectProvider<MtlsClientInterceptorProvider> interceptors) {
			return new MtlsRestClientSsl(clients, listeners, interceptors);
		}

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		RestClient mtlsRestClient(ObjectProvider<RestClient.Builder> builder, MtlsRestClientSsl ssl) {
			return builder.getIfAvailable(RestClient::builder).apply(ssl.fromDefaultClient()).build();
		}

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		RestTemplate mtlsRestTemplate(ObjectProvider<RestTemplateBuilder> builder, MtlsRestClientSsl ssl) {
			return ssl.applyDefaultClient(builder.getIfAvailable(RestTemplateBuilder::new)).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
	static class WebClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MtlsWebClientSsl mtlsWebClientSsl(MtlsClients clients, ObjectProvider<MtlsClientRequestListener> listeners) {
			return new MtlsWebClientSsl(clients, listeners);
		}

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		WebClient mtlsWebClient(ObjectProvider<WebClient.Builder> builder, MtlsWebClientSsl ssl) {
			return builder.getIfAvailable(WebClient::builder).apply(ssl.fromDefaultClient()).build();
		}

	}

}
