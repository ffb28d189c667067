package dev.mtls.boot.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import dev.mtls.boot.client.MtlsClientException.Reason;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Boot's HTTP service clients ({@code @HttpExchange} interfaces imported with
 * {@link ImportHttpServices}) given a named client's SSL bundle through
 * {@code spring.http.serviceclient.<group>.ssl.bundle=mtls-client-<name>}, against a real
 * embedded Tomcat that requires client certificates. Nothing but properties: Boot builds
 * the group's request factory from the bundle, with each request factory it supports on
 * this class path.
 */
class HttpServiceClientIntegrationTests {

	@TempDir
	static Path directory;

	private static TestPki pki;

	private static ConfigurableApplicationContext server;

	private static ConfigurableApplicationContext otherNameServer;

	private static String url;

	private static String otherNameUrl;

	@BeforeAll
	static void startServers() {
		pki = new TestPki(directory);
		pki.client().writePem(pki.path("alice.crt"), pki.path("alice.key"));
		IssuedCertificate bob = CertificateBuilder.endEntity("CN=bob,O=mtls tests")
			.clientAuth()
			.issuedBy(pki.ca())
			.issue();
		bob.writePem(pki.path("bob.crt"), pki.path("bob.key"));
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

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reactor", "jdk", "simple" })
	void serviceClientGroupPresentsTheNamedClientsCertificate(String factory) {
		try (ConfigurableApplicationContext client = startClient(PartnerClientApplication.class,
				"spring.http.clients.imperative.factory=" + factory,
				"spring.http.serviceclient.partner.base-url=" + url,
				"spring.http.serviceclient.partner.ssl.bundle=mtls-client-partner")) {
			assertThat(client.getBean(ClientHttpRequestFactoryBuilder.class).getClass().getSimpleName())
				.startsWithIgnoringCase(factory);
			ResponseEntity<String> response = client.getBean(PartnerService.class).hello();
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(response.getBody()).isEqualTo("hello CN=alice,O=mtls tests");
		}
	}

	@Test
	void eachGroupPresentsTheCertificateOfItsOwnBundle() {
		try (ConfigurableApplicationContext client = startClient(TwoPartnersClientApplication.class,
				"mtls.clients.billing.keystore.certificate=" + pki.location("bob.crt"),
				"mtls.clients.billing.keystore.private-key=" + pki.location("bob.key"),
				"mtls.clients.billing.truststore.certificate=" + pki.location("ca.crt"),
				"spring.http.serviceclient.partner.base-url=" + url,
				"spring.http.serviceclient.partner.ssl.bundle=mtls-client-partner",
				"spring.http.serviceclient.billing.base-url=" + url,
				"spring.http.serviceclient.billing.ssl.bundle=mtls-client-billing")) {
			assertThat(client.getBean(PartnerService.class).hello().getBody()).isEqualTo("hello CN=alice,O=mtls tests");
			assertThat(client.getBean(BillingService.class).hello().getBody()).isEqualTo("hello CN=bob,O=mtls tests");
		}
	}

	/**
	 * The check lives in the bundle's trust manager, so it holds for service clients too;
	 * the library's request interceptor does not (failures are not turned into
	 * {@link MtlsClientException}).
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reactor", "jdk", "simple" })
	void hostnameMismatchIsRefusedByTheBundlesTrustManager(String factory) {
		try (ConfigurableApplicationContext client = startClient(PartnerClientApplication.class,
				"spring.http.clients.imperative.factory=" + factory,
				"spring.http.serviceclient.partner.base-url=" + otherNameUrl,
				"spring.http.serviceclient.partner.ssl.bundle=mtls-client-partner")) {
			ResourceAccessException failure = catchThrowableOfType(ResourceAccessException.class,
					() -> client.getBean(PartnerService.class).hello());
			assertThat(causes(failure)).anySatisfy((cause) -> {
				assertThat(cause).isInstanceOf(ServerCertificateException.class);
				assertThat(((ServerCertificateException) cause).getReason()).isEqualTo(Reason.HOSTNAME_MISMATCH);
			});
		}
	}

	@Test
	void groupWithoutTheBundleDoesNotTrustTheServer() {
		try (ConfigurableApplicationContext client = startClient(PartnerClientApplication.class,
				"spring.http.serviceclient.partner.base-url=" + url)) {
			ResourceAccessException failure = catchThrowableOfType(ResourceAccessException.class,
					() -> client.getBean(PartnerService.class).hello());
			assertThat(causes(failure)).hasAtLeastOneElementOfType(SSLHandshakeException.class)
				.noneMatch(ServerCertificateException.class::isInstance);
		}
	}

	/**
	 * Start a client application whose named client {@code partner} presents alice's
	 * certificate and trusts the test CA.
	 */
	private static ConfigurableApplicationContext startClient(Class<?> application, String... properties) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.properties(named("partner", "alice"))
			.properties(properties)
			.run();
	}

	private static String[] named(String name, String identity) {
		String prefix = "mtls.clients." + name + ".";
		return new String[] { prefix + "keystore.certificate=" + pki.location(identity + ".crt"),
				prefix + "keystore.private-key=" + pki.location(identity + ".key"),
				prefix + "truststore.certificate=" + pki.location("ca.crt") };
	}

	private static List<Throwable> causes(Throwable failure) {
		assertThat(failure).isNotNull();
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	@HttpExchange
	interface PartnerService {

		@GetExchange("/hello")
		ResponseEntity<String> hello();

	}

	@HttpExchange
	interface BillingService {

		@GetExchange("/hello")
		ResponseEntity<String> hello();

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@ImportHttpServices(group = "partner", types = PartnerService.class)
	static class PartnerClientApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@ImportHttpServices(group = "partner", types = PartnerService.class)
	@ImportHttpServices(group = "billing", types = BillingService.class)
	static class TwoPartnersClientApplication {

	}

}
