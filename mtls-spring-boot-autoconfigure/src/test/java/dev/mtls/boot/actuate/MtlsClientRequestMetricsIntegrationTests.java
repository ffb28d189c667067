package dev.mtls.boot.actuate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mtls.boot.client.MtlsClientAutoConfiguration;
import dev.mtls.boot.client.MtlsClientException;
import dev.mtls.boot.client.MtlsClientRequestListener;
import dev.mtls.boot.client.MtlsRestClientSsl;
import dev.mtls.boot.client.MtlsWebClientSsl;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code mtls.client.requests} counted by real {@code RestClient}, {@code RestTemplate}
 * and {@code WebClient} calls against an embedded Tomcat that requires client
 * certificates, over loopback TLS.
 */
class MtlsClientRequestMetricsIntegrationTests {

	@TempDir
	static Path directory;

	private static TestPki pki;

	private static ConfigurableApplicationContext server;

	private static String url;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientAutoConfiguration.class,
				MtlsOperationsAutoConfiguration.class, MtlsMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@BeforeAll
	static void startServer() {
		pki = new TestPki(directory);
		pki.client().writePem(pki.path("alice.crt"), pki.path("alice.key"));
		pki.untrustedClient().writePem(pki.path("mallory.crt"), pki.path("mallory.key"));
		server = TestServerApplication.run(pki.pemServerProperties());
		url = "https://localhost:" + TestServerApplication.mtlsPort(server);
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void responsesOfBlockingAndReactiveClientsAreCountedAsSuccessWithTheirStatusClass() {
		this.runner.withPropertyValues(named("partner", "alice", "ca.crt"))
			.withPropertyValues("mtls.client.keystore.certificate=" + pki.location("alice.crt"),
					"mtls.client.keystore.private-key=" + pki.location("alice.key"),
					"mtls.client.truststore.certificate=" + pki.location("ca.crt"))
			.run((context) -> {
				assertThat(restClient(context, "partner").get().uri("/hello").retrieve().body(String.class))
					.isEqualTo("hello CN=alice,O=mtls tests");
				RestTemplate template = context.getBean(MtlsRestClientSsl.class)
					.apply(new RestTemplateBuilder(), "partner")
					.build();
				assertThat(template.getForObject("/hello", String.class)).isEqualTo("hello CN=alice,O=mtls tests");
				assertThat(
						webClient(context, "partner").get().uri("/hello").retrieve().bodyToMono(String.class).block())
					.isEqualTo("hello CN=alice,O=mtls tests");
				assertThat(context.getBean(RestClient.class).get().uri(url + "/hello").retrieve().body(String.class))
					.isEqualTo("hello CN=alice,O=mtls tests");
				assertThatExceptionOfType(WebClientResponseException.NotFound.class)
					.isThrownBy(() -> webClient(context, "partner").get()
						.uri("/missing")
						.retrieve()
						.bodyToMono(String.class)
						.block());
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(count(registry, "partner", "success", "2xx")).isEqualTo(3);
				assertThat(count(registry, "default", "success", "2xx")).isEqualTo(1);
				assertThat(count(registry, "partner", "success", "4xx")).isEqualTo(1);
			});
	}

	@Test
	void refusedClientCertificateIsCountedWithItsReason() {
		this.runner.withPropertyValues(named("partner", "mallory", "ca.crt")).run((context) -> {
			callBoth(context, "partner");
			assertThat(count(context.getBean(MeterRegistry.class), "partner", "client-certificate-refused", "none"))
				.isEqualTo(2);
		});
	}

	@Test
	void untrustedServerIsCountedWithItsReason() {
		this.runner.withPropertyValues(named("partner", "alice", "other-ca.crt")).run((context) -> {
			callBoth(context, "partner");
			assertThat(count(context.getBean(MeterRegistry.class), "partner", "server-untrusted", "none")).isEqualTo(2);
		});
	}

	@Test
	void pinMismatchIsCountedWithItsReason() {
		this.runner.withPropertyValues(named("partner", "alice", "ca.crt"))
			.withPropertyValues("mtls.clients.partner.pins=sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
			.run((context) -> {
				callBoth(context, "partner");
				assertThat(count(context.getBean(MeterRegistry.class), "partner", "pin-mismatch", "none")).isEqualTo(2);
			});
	}

	@Test
	void otherFailuresToGetAResponseAreCountedAsIoError() {
		this.runner.withPropertyValues(named("partner", "alice", "ca.crt"))
			.withPropertyValues("mtls.clients.partner.base-url=https://localhost:1")
			.run((context) -> {
				assertThatExceptionOfType(ResourceAccessException.class)
					.isThrownBy(() -> restClient(context, "partner").get().uri("/hello").retrieve().body(String.class))
					.withCauseInstanceOf(java.io.IOException.class)
					.satisfies((ex) -> assertThat(ex.getCause()).isNotInstanceOf(MtlsClientException.class));
				assertThatExceptionOfType(WebClientRequestException.class)
					.isThrownBy(() -> webClient(context, "partner").get()
						.uri("/hello")
						.retrieve()
						.bodyToMono(String.class)
						.block());
				assertThat(count(context.getBean(MeterRegistry.class), "partner", "io-error", "none")).isEqualTo(2);
			});
	}

	@Test
	void listenersAreToldInOrderAndOneThatFailsAffectsNeitherTheCallNorTheOthers() {
		List<String> told = new ArrayList<>();
		this.runner.withPropertyValues(named("partner", "alice", "ca.crt"))
			.withBean("recording", MtlsClientRequestListener.class, () -> new RecordingListener(told))
			.withBean("failing", MtlsClientRequestListener.class, () -> new FailingListener(told))
			.run((context) -> {
				assertThat(restClient(context, "partner").get().uri("/hello").retrieve().body(String.class))
					.isEqualTo("hello CN=alice,O=mtls tests");
				assertThat(
						webClient(context, "partner").get().uri("/hello").retrieve().bodyToMono(String.class).block())
					.isEqualTo("hello CN=alice,O=mtls tests");
				assertThat(told).containsExactly("failing", "partner 200", "failing", "partner 200");
				assertThat(count(context.getBean(MeterRegistry.class), "partner", "success", "2xx")).isEqualTo(2);
			});
	}

	private void callBoth(AssertableApplicationContext context, String name) {
		ResourceAccessException blocking = org.assertj.core.api.Assertions.catchThrowableOfType(
				ResourceAccessException.class,
				() -> restClient(context, name).get().uri("/hello").retrieve().body(String.class));
		assertThat(blocking.getCause()).isInstanceOf(MtlsClientException.class);
		WebClientRequestException reactive = org.assertj.core.api.Assertions.catchThrowableOfType(
				WebClientRequestException.class,
				() -> webClient(context, name).get().uri("/hello").retrieve().bodyToMono(String.class).block());
		assertThat(reactive.getCause()).isInstanceOf(MtlsClientException.class);
	}

	private static double count(MeterRegistry registry, String client, String outcome, String status) {
		return registry.get(MtlsClientRequestMetrics.METRIC_NAME)
			.tag("client", client)
			.tag("outcome", outcome)
			.tag("status", status)
			.counter()
			.count();
	}

	private static String[] named(String name, String identity, String trust) {
		String prefix = "mtls.clients." + name + ".";
		return new String[] { prefix + "base-url=" + url,
				prefix + "keystore.certificate=" + pki.location(identity + ".crt"),
				prefix + "keystore.private-key=" + pki.location(identity + ".key"),
				prefix + "truststore.certificate=" + pki.location(trust) };
	}

	private static RestClient restClient(AssertableApplicationContext context, String name) {
		return RestClient.builder().apply(context.getBean(MtlsRestClientSsl.class).fromClient(name)).build();
	}

	private static WebClient webClient(AssertableApplicationContext context, String name) {
		return WebClient.builder().apply(context.getBean(MtlsWebClientSsl.class).fromClient(name)).build();
	}

	@Order(1)
	static class FailingListener implements MtlsClientRequestListener {

		private final List<String> told;

		FailingListener(List<String> told) {
			this.told = told;
		}

		@Override
		public void requestCompleted(String client, Integer status, MtlsClientException.Reason reason,
				Throwable error) {
			this.told.add("failing");
			throw new IllegalStateException("listener failure");
		}

	}

	@Order(2)
	static class RecordingListener implements MtlsClientRequestListener {

		private final List<String> told;

		RecordingListener(List<String> told) {
			this.told = told;
		}

		@Override
		public void requestCompleted(String client, Integer status, MtlsClientException.Reason reason,
				Throwable error) {
			this.told.add(client + " " + status + ((reason != null) ? " " + reason : ""));
		}

	}

}
