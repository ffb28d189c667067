package dev.mtls.boot.client;

import java.nio.file.Path;
import java.util.function.Consumer;

import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * {@link MtlsRestClientSsl#fromClient(String)} and
 * {@link MtlsWebClientSsl#fromClient(String)} hand out one HTTP client per named client,
 * not one per call.
 */
class MtlsClientSslReuseTests {

	@TempDir
	static Path directory;

	private static TestPki pki;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientAutoConfiguration.class));

	@BeforeAll
	static void issuePki() {
		pki = new TestPki(directory);
		pki.client().writePem(pki.path("alice.crt"), pki.path("alice.key"));
	}

	@Test
	void restClientsOfTheSameNamedClientShareOneRequestFactory() {
		this.runner.withPropertyValues(MtlsClientIntegrationTestsSupport.named(pki, "partner", "alice"))
			.run((context) -> {
				MtlsRestClientSsl ssl = context.getBean(MtlsRestClientSsl.class);
				ClientHttpRequestFactory first = requestFactory(ssl.fromClient("partner"));
				assertThat(requestFactory(ssl.fromClient("partner"))).isSameAs(first);
				assertThat(requestFactory(ssl.fromDefaultClient())).isNotSameAs(first);
			});
	}

	@Test
	void webClientsOfTheSameNamedClientShareOneConnector() {
		this.runner.withPropertyValues(MtlsClientIntegrationTestsSupport.named(pki, "partner", "alice"))
			.run((context) -> {
				MtlsWebClientSsl ssl = context.getBean(MtlsWebClientSsl.class);
				ClientHttpConnector first = connector(ssl.fromClient("partner"));
				assertThat(connector(ssl.fromClient("partner"))).isSameAs(first);
				assertThat(connector(ssl.fromDefaultClient())).isNotSameAs(first);
			});
	}

	private static ClientHttpRequestFactory requestFactory(Consumer<RestClient.Builder> client) {
		RestClient.Builder builder = mock(RestClient.Builder.class);
		client.accept(builder);
		ArgumentCaptor<ClientHttpRequestFactory> requestFactory = ArgumentCaptor
			.forClass(ClientHttpRequestFactory.class);
		verify(builder).requestFactory(requestFactory.capture());
		return requestFactory.getValue();
	}

	private static ClientHttpConnector connector(Consumer<WebClient.Builder> client) {
		WebClient.Builder builder = mock(WebClient.Builder.class);
		client.accept(builder);
		ArgumentCaptor<ClientHttpConnector> connector = ArgumentCaptor.forClass(ClientHttpConnector.class);
		verify(builder).clientConnector(connector.capture());
		return connector.getValue();
	}

}
