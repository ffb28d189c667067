package dev.mtls.boot.client;

import java.nio.file.Path;
import java.util.function.Consumer;

import dev.mtls.boot.client.MtlsClientException.Reason;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Outbound clients configured only through {@code mtls.client*} properties against real
 * embedded Tomcat servers that require client certificates, over loopback TLS.
 */
class MtlsClientIntegrationTests {

	@TempDir
	static Path directory;

	private static TestPki pki;

	private static ConfigurableApplicationContext server;

	private static ConfigurableApplicationContext otherNameServer;

	private static String url;

	private static String otherNameUrl;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientAutoConfiguration.class));

	@BeforeAll
	static void startServers() {
		pki = new TestPki(directory);
		pki.client().writePem(pki.path("alice.crt"), pki.path("alice.key"));
		IssuedCertificate bob = CertificateBuilder.endEntity("CN=bob,O=mtls tests")
			.clientAuth()
			.issuedBy(pki.ca())
			.issue();
		bob.writePem(pki.path("bob.crt"), pki.path("bob.key"));
		pki.untrustedClient().writePem(pki.path("mallory.crt"), pki.path("mallory.key"));
		IssuedCertificate elsewhere = CertificateBuilder.endEntity("CN=elsewhere.example")
			.dnsNames("elsewhere.example")
			.serverAuth()
			.issuedBy(pki.ca())
			.issue();
		elsewhere.writePem(pki.path("elsewhere.crt"), pki.path("elsewhere.key"));
		server = TestServerApplication.run(pki.pemServerProperties());
		url = "https://localhost:" + TestServerApplication.mtlsPort(server);
		otherNameServer = TestServerApplication.run("mtls.server.keystore.certificate=" + pki.location("elsewhere.crt"),
				"mtls.server.keystore.private-key=" + pki.location("elsewhere.key"),
				"mtls.server.truststore.certificate=" + pki.location("ca.crt"));
		otherNameUrl = "https://localhost:" + TestServerApplication.mtlsPort(otherNameServer);
	}

	@AfterAll
	static void stopServers() {
		if (server != null) {
			server.close();
		}
		if (otherNameServer != null) {
			otherNameServer.close();
		}
	}

	@Test
	void namedRestClientPresentsItsIdentity() {
		run((context) -> assertThat(restClient(context, "partner").get().uri("/hello").retrieve().body(String.class))
			.isEqualTo("hello CN=alice,O=mtls tests"), partner("alice"));
	}

	@Test
	void defaultRestClientAndRestTemplateBeansUseTheDefaultClient() {
		this.runner
			.withPropertyValues("mtls.client.keystore.certificate=" + pki.location("bob.crt"),
					"mtls.client.keystore.private-key=" + pki.location("bob.key"),
					"mtls.client.truststore.certificate=" + pki.location("ca.crt"))
			.run((context) -> {
				assertThat(context.getBean(RestClient.class).get().uri(url + "/hello").retrieve().body(String.class))
					.isEqualTo("hello CN=bob,O=mtls tests");
				assertThat(context.getBean(RestTemplate.class).getForObject(url + "/hello", String.class))
					.isEqualTo("hello CN=bob,O=mtls tests");
				assertThat(context.getBean(WebClient.class)
					.get()
					.uri(url + "/hello")
					.retrieve()
					.bodyToMono(String.class)
					.block()).isEqualTo("hello CN=bob,O=mtls tests");
			});
	}

	@Test
	void namedWebClientPresentsItsIdentity() {
		run((context) -> assertThat(
				webClient(context, "partner").get().uri("/hello").retrieve().bodyToMono(String.class).block())
			.isEqualTo("hello CN=alice,O=mtls tests"), partner("alice"));
	}

	@Test
	void namedRestTemplateBuilderGetsTheClientInOneCall() {
		run((context) -> {
			RestTemplate template = context.getBean(MtlsRestClientSsl.class)
				.apply(new org.springframework.boot.restclient.RestTemplateBuilder(), "partner")
				.build();
			assertThat(template.getForObject("/hello", String.class)).isEqualTo("hello CN=alice,O=mtls tests");
		}, partner("alice"));
	}

	@Test
	void twoNamedClientsWithDifferentIdentitiesAreToldApartByTheSameServer() {
		this.runner.withPropertyValues(named("alpha", "alice", url))
			.withPropertyValues(named("beta", "bob", url))
			.run((context) -> {
				assertThat(restClient(context, "alpha").get().uri("/hello").retrieve().body(String.class))
					.isEqualTo("hello CN=alice,O=mtls tests");
				assertThat(restClient(context, "beta").get().uri("/hello").retrieve().body(String.class))
					.isEqualTo("hello CN=bob,O=mtls tests");
				assertThat(webClient(context, "alpha").get().uri("/hello").retrieve().bodyToMono(String.class).block())
					.isEqualTo("hello CN=alice,O=mtls tests");
				assertThat(webClient(context, "beta").get().uri("/hello").retrieve().bodyToMono(String.class).block())
					.isEqualTo("hello CN=bob,O=mtls tests");
			});
	}

	@Test
	void hostnameMismatchIsRefused() {
		this.runner.withPropertyValues(named("partner", "alice", otherNameUrl)).run((context) -> {
			MtlsClientException failure = blockingFailure(context, "partner");
			assertThat(failure.getReason()).isEqualTo(Reason.HOSTNAME_MISMATCH);
			assertThat(failure.getMessage()).contains("mTLS client 'partner'")
				.contains(otherNameUrl + "/hello")
				.contains("elsewhere.example")
				.contains("'localhost'");
			assertThat(reactiveFailure(context, "partner").getReason()).isEqualTo(Reason.HOSTNAME_MISMATCH);
		});
	}

	@Test
	void hostnameMismatchIsAcceptedWhenVerificationIsTurnedOff() {
		this.runner.withPropertyValues(named("partner", "alice", otherNameUrl))
			.withPropertyValues("mtls.clients.partner.verify-hostname=false")
			.run((context) -> {
				assertThat(restClient(context, "partner").get().uri("/hello").retrieve().body(String.class))
					.isEqualTo("hello CN=alice,O=mtls tests");
				assertThat(
						webClient(context, "partner").get().uri("/hello").retrieve().bodyToMono(String.class).block())
					.isEqualTo("hello CN=alice,O=mtls tests");
			});
	}

	@Test
	void matchingPinIsAccepted() {
		String caPin = ServerPins.of(pki.ca().certificate());
		this.runner.withPropertyValues(named("partner", "alice", url))
			.withPropertyValues(
					"mtls.clients.partner.pins=sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=," + caPin)
			.run((context) -> {
				assertThat(restClient(context, "partner").get().uri("/hello").retrieve().body(String.class))
					.isEqualTo("hello CN=alice,O=mtls tests");
				assertThat(
						webClient(context, "partner").get().uri("/hello").retrieve().bodyToMono(String.class).block())
					.isEqualTo("hello CN=alice,O=mtls tests");
			});
	}

	@Test
	void pinMismatchIsRefusedWithExpectedAndActualPins() {
		String wrongPin = "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
		this.runner.withPropertyValues(named("partner", "alice", url))
			.withPropertyValues("mtls.clients.partner.pins=" + wrongPin)
			.run((context) -> {
				MtlsClientException failure = blockingFailure(context, "partner");
				assertThat(failure.getReason()).isEqualTo(Reason.PIN_MISMATCH);
				assertThat(failure.getMessage()).contains("mTLS client 'partner'")
					.contains(url + "/hello")
					.contains("expected one of [" + wrongPin + "]")
					.contains(ServerPins.of(pki.server().certificate()))
					.contains(ServerPins.of(pki.ca().certificate()));
				assertThat(reactiveFailure(context, "partner").getReason()).isEqualTo(Reason.PIN_MISMATCH);
			});
	}

	@Test
	void untrustedServerIsRefused() {
		this.runner.withPropertyValues(named("partner", "alice", url))
			.withPropertyValues("mtls.clients.partner.truststore.certificate=" + pki.location("other-ca.crt"))
			.run((context) -> {
				MtlsClientException failure = blockingFailure(context, "partner");
				assertThat(failure.getReason()).isEqualTo(Reason.SERVER_UNTRUSTED);
				assertThat(failure.getMessage()).contains("mTLS client 'partner'")
					.contains(url + "/hello")
					.contains("CN=localhost")
					.contains("mtls.clients.partner.truststore");
				assertThat(reactiveFailure(context, "partner").getReason()).isEqualTo(Reason.SERVER_UNTRUSTED);
			});
	}

	@Test
	void certificateFromCaTheServerDoesNotAcceptIsStillPresentedAndTheRefusalNamesBothCas() {
		this.runner.withPropertyValues(named("partner", "mallory", url)).run((context) -> {
			MtlsClientException failure = blockingFailure(context, "partner");
			assertThat(failure.getReason()).isEqualTo(Reason.CLIENT_CERTIFICATE_REFUSED);
			assertThat(failure.getMessage()).contains("mTLS client 'partner'")
				.contains(url + "/hello")
				.contains("our client certificate 'CN=mallory' issued by 'CN=Other CA'")
				.contains("accepts certificates issued by [CN=Test CA,O=mtls tests]");
			assertThat(reactiveFailure(context, "partner").getReason()).isEqualTo(Reason.CLIENT_CERTIFICATE_REFUSED);
		});
	}

	@Test
	void clientWithoutIdentityIsToldTheServerRequiresOne() {
		this.runner
			.withPropertyValues("mtls.clients.partner.base-url=" + url,
					"mtls.clients.partner.truststore.certificate=" + pki.location("ca.crt"))
			.run((context) -> {
				MtlsClientException failure = blockingFailure(context, "partner");
				assertThat(failure.getReason()).isEqualTo(Reason.NO_CLIENT_CERTIFICATE);
				assertThat(failure.getMessage()).contains("requires a client certificate")
					.contains("mtls.clients.partner.keystore");
			});
	}

	private void run(org.springframework.boot.test.context.runner.ContextConsumer<AssertableApplicationContext> test,
			String... properties) {
		this.runner.withPropertyValues(properties).run(test);
	}

	private static String[] partner(String identity) {
		return named("partner", identity, url);
	}

	static String[] named(String name, String identity, String baseUrl) {
		String prefix = "mtls.clients." + name + ".";
		return new String[] { prefix + "base-url=" + baseUrl,
				prefix + "keystore.certificate=" + pki.location(identity + ".crt"),
				prefix + "keystore.private-key=" + pki.location(identity + ".key"),
				prefix + "truststore.certificate=" + pki.location("ca.crt") };
	}

	private static RestClient restClient(AssertableApplicationContext context, String name) {
		Consumer<RestClient.Builder> mtls = context.getBean(MtlsRestClientSsl.class).fromClient(name);
		return RestClient.builder().apply(mtls).build();
	}

	private static WebClient webClient(AssertableApplicationContext context, String name) {
		return WebClient.builder().apply(context.getBean(MtlsWebClientSsl.class).fromClient(name)).build();
	}

	private static MtlsClientException blockingFailure(AssertableApplicationContext context, String name) {
		ResourceAccessException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
				ResourceAccessException.class,
				() -> restClient(context, name).get().uri("/hello").retrieve().body(String.class));
		assertThat(failure).isNotNull();
		assertThat(failure.getCause()).isInstanceOf(MtlsClientException.class);
		assertThat(failure.getMessage()).contains("mTLS client '" + name + "'");
		return (MtlsClientException) failure.getCause();
	}

	private static MtlsClientException reactiveFailure(AssertableApplicationContext context, String name) {
		WebClientRequestException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
				WebClientRequestException.class,
				() -> webClient(context, name).get().uri("/hello").retrieve().bodyToMono(String.class).block());
		assertThat(failure).isNotNull();
		assertThat(failure.getCause()).isInstanceOf(MtlsClientException.class);
		assertThatExceptionOfType(MtlsClientException.class).isThrownBy(() -> {
			throw failure.getCause();
		});
		return (MtlsClientException) failure.getCause();
	}

}
