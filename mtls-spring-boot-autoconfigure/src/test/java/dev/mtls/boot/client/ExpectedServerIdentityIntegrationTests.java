package dev.mtls.boot.client;

import java.nio.file.Path;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import dev.mtls.boot.client.MtlsClientException.Reason;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.pki.MtlsMaterialException;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.ssl.SslBundles;
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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A named client that requires the server's identity ({@code expected-server.spiffe-id},
 * {@code expected-server.dns-names}) against a real embedded Tomcat whose certificate
 * carries a SPIFFE ID and DNS names, over loopback TLS, with RestClient, RestTemplate,
 * WebClient and the bare SSL bundle.
 */
class ExpectedServerIdentityIntegrationTests {

	private static final String SERVER_ID = "spiffe://example.org/ns/payments/sa/api";

	@TempDir
	static Path directory;

	private static TestPki pki;

	private static ConfigurableApplicationContext server;

	private static String url;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientAutoConfiguration.class));

	@BeforeAll
	static void startServer() {
		pki = new TestPki(directory);
		pki.client().writePem(pki.path("alice.crt"), pki.path("alice.key"));
		IssuedCertificate payments = CertificateBuilder.endEntity("CN=payments")
			.dnsNames("localhost", "payments.internal")
			.uris(SERVER_ID)
			.serverAuth()
			.issuedBy(pki.ca())
			.issue();
		payments.writePem(pki.path("payments.crt"), pki.path("payments.key"));
		server = TestServerApplication.run("mtls.server.keystore.certificate=" + pki.location("payments.crt"),
				"mtls.server.keystore.private-key=" + pki.location("payments.key"),
				"mtls.server.truststore.certificate=" + pki.location("ca.crt"));
		url = "https://localhost:" + TestServerApplication.mtlsPort(server);
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void serverWithTheExpectedSpiffeIdAndDnsNameIsAccepted() {
		this.runner.withPropertyValues(partner())
			.withPropertyValues("mtls.clients.partner.expected-server.spiffe-id=" + SERVER_ID,
					"mtls.clients.partner.expected-server.dns-names=other.internal,PAYMENTS.internal")
			.run((context) -> {
				assertThat(restClient(context).get().uri("/hello").retrieve().body(String.class))
					.isEqualTo("hello CN=alice,O=mtls tests");
				assertThat(restTemplate(context).getForObject("/hello", String.class))
					.isEqualTo("hello CN=alice,O=mtls tests");
				assertThat(webClient(context).get().uri("/hello").retrieve().bodyToMono(String.class).block())
					.isEqualTo("hello CN=alice,O=mtls tests");
			});
	}

	@Test
	void serverWithAnotherSpiffeIdIsRefusedWithExpectedAndActualIds() {
		this.runner.withPropertyValues(partner())
			.withPropertyValues(
					"mtls.clients.partner.expected-server.spiffe-id=spiffe://example.org/ns/payments/sa/web")
			.run((context) -> {
				MtlsClientException failure = blockingFailure(context);
				assertThat(failure.getReason()).isEqualTo(Reason.SERVER_IDENTITY_MISMATCH);
				assertThat(failure.getMessage()).contains("mTLS client 'partner'")
					.contains(url + "/hello")
					.contains("mtls.clients.partner.expected-server")
					.contains("expected SPIFFE ID spiffe://example.org/ns/payments/sa/web")
					.contains("actual URI SANs [" + SERVER_ID + "]");
				assertThat(failure).rootCause()
					.isInstanceOfSatisfying(ServerCertificateException.class,
							(refused) -> assertThat(refused.getReason()).isEqualTo(Reason.SERVER_IDENTITY_MISMATCH));
				assertThat(templateFailure(context).getReason()).isEqualTo(Reason.SERVER_IDENTITY_MISMATCH);
				assertThat(reactiveFailure(context).getReason()).isEqualTo(Reason.SERVER_IDENTITY_MISMATCH);
			});
	}

	@Test
	void serverWithoutAnyExpectedDnsNameIsRefusedWithExpectedAndActualNames() {
		this.runner.withPropertyValues(partner())
			.withPropertyValues("mtls.clients.partner.expected-server.dns-names=ledger.internal")
			.run((context) -> {
				MtlsClientException failure = blockingFailure(context);
				assertThat(failure.getReason()).isEqualTo(Reason.SERVER_IDENTITY_MISMATCH);
				assertThat(failure.getMessage()).contains("expected one of the DNS names [ledger.internal]")
					.contains("actual DNS SANs [localhost, payments.internal]");
				assertThat(templateFailure(context).getReason()).isEqualTo(Reason.SERVER_IDENTITY_MISMATCH);
				assertThat(reactiveFailure(context).getReason()).isEqualTo(Reason.SERVER_IDENTITY_MISMATCH);
			});
	}

	@Test
	void handshakeWithTheBundleDirectlyExposesTheIdentityMismatch() {
		this.runner.withPropertyValues(partner())
			.withPropertyValues("mtls.clients.partner.expected-server.spiffe-id=spiffe://example.org/other")
			.run((context) -> {
				SSLContext sslContext = context.getBean(SslBundles.class)
					.getBundle(MtlsClients.BUNDLE_NAME_PREFIX + "partner")
					.createSslContext();
				try (SSLSocket socket = (SSLSocket) sslContext.getSocketFactory()
					.createSocket("localhost", TestServerApplication.mtlsPort(server))) {
					assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(socket::startHandshake)
						.satisfies((ex) -> assertThat(ex).rootCause()
							.isInstanceOfSatisfying(ServerCertificateException.class, (refused) -> {
								assertThat(refused.getReason()).isEqualTo(Reason.SERVER_IDENTITY_MISMATCH);
								assertThat(refused.getClientName()).isEqualTo("partner");
							}));
				}
			});
	}

	@Test
	void expectedSpiffeIdThatIsNoSpiffeIdStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues(partner())
			.withPropertyValues("mtls.clients.partner.expected-server.spiffe-id=https://example.org/api")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MtlsMaterialException.class)
				.hasMessageContaining("mtls.clients.partner.expected-server.spiffe-id")
				.hasMessageContaining("is not a SPIFFE ID"));
	}

	@Test
	void expectedDnsNameWithSchemeOrPortStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues(partner())
			.withPropertyValues("mtls.clients.partner.expected-server.dns-names=payments.internal,https://api:8443")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MtlsMaterialException.class)
				.hasMessageContaining("mtls.clients.partner.expected-server.dns-names[1]")
				.hasMessageContaining("is not a DNS name"));
	}

	private static String[] partner() {
		String prefix = "mtls.clients.partner.";
		return new String[] { prefix + "base-url=" + url, prefix + "keystore.certificate=" + pki.location("alice.crt"),
				prefix + "keystore.private-key=" + pki.location("alice.key"),
				prefix + "truststore.certificate=" + pki.location("ca.crt") };
	}

	private static RestClient restClient(AssertableApplicationContext context) {
		Consumer<RestClient.Builder> mtls = context.getBean(MtlsRestClientSsl.class).fromClient("partner");
		return RestClient.builder().apply(mtls).build();
	}

	private static RestTemplate restTemplate(AssertableApplicationContext context) {
		return context.getBean(MtlsRestClientSsl.class).apply(new RestTemplateBuilder(), "partner").build();
	}

	private static WebClient webClient(AssertableApplicationContext context) {
		return WebClient.builder().apply(context.getBean(MtlsWebClientSsl.class).fromClient("partner")).build();
	}

	private static MtlsClientException blockingFailure(AssertableApplicationContext context) {
		ResourceAccessException failure = catchThrowableOfType(ResourceAccessException.class,
				() -> restClient(context).get().uri("/hello").retrieve().body(String.class));
		assertThat(failure).isNotNull();
		assertThat(failure.getCause()).isInstanceOf(MtlsClientException.class);
		return (MtlsClientException) failure.getCause();
	}

	private static MtlsClientException templateFailure(AssertableApplicationContext context) {
		ResourceAccessException failure = catchThrowableOfType(ResourceAccessException.class,
				() -> restTemplate(context).getForObject("/hello", String.class));
		assertThat(failure).isNotNull();
		assertThat(failure.getCause()).isInstanceOf(MtlsClientException.class);
		return (MtlsClientException) failure.getCause();
	}

	private static MtlsClientException reactiveFailure(AssertableApplicationContext context) {
		WebClientRequestException failure = catchThrowableOfType(WebClientRequestException.class,
				() -> webClient(context).get().uri("/hello").retrieve().bodyToMono(String.class).block());
		assertThat(failure).isNotNull();
		assertThat(failure.getCause()).isInstanceOf(MtlsClientException.class);
		return (MtlsClientException) failure.getCause();
	}

}
