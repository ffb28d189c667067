package dev.mtls.sample;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two sample instances against each other: the caller's {@code partner} client presents
 * the development client certificate to the partner instance.
 * <p>
 * Specified once, run against both samples: concrete subclasses in sample-app and
 * sample-webflux-app name their application class.
 */
@TestInstance(Lifecycle.PER_CLASS)
public abstract class PartnerClientSpecification {

	@TempDir
	static Path pkiDirectory;

	private static ConfigurableApplicationContext partner;

	private static ConfigurableApplicationContext caller;

	private static ConfigurableApplicationContext pinnedCaller;

	@BeforeAll
	void start() {
		partner = SpringApplication.run(applicationClass(), "--server.port=0",
				"--mtls.dev-pki.directory=" + pkiDirectory);
		String partnerUrl = "https://localhost:" + port(partner);
		caller = SpringApplication.run(applicationClass(), "--server.port=0",
				"--mtls.dev-pki.directory=" + pkiDirectory, "--mtls.clients.partner.base-url=" + partnerUrl);
		pinnedCaller = SpringApplication.run(applicationClass(), "--server.port=0",
				"--mtls.dev-pki.directory=" + pkiDirectory, "--mtls.clients.partner.base-url=" + partnerUrl,
				"--mtls.clients.partner.pins=sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
	}

	@AfterAll
	void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { pinnedCaller, caller,
				partner }) {
			if (context != null) {
				context.close();
			}
		}
	}

	@Test
	void partnerEndpointReturnsWhatThePartnerSawOfOurCertificate() throws Exception {
		HttpResponse<String> response = get(caller, "/api/partner");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.principal", String.class)).isEqualTo("alice");
		assertThat(json.read("$.subject", String.class)).isEqualTo("CN=alice");
	}

	@Test
	void failedPartnerCallAnswers502WithProblemNamingTheCause() throws Exception {
		HttpResponse<String> response = get(pinnedCaller, "/api/partner");
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.reason", String.class)).isEqualTo("PIN_MISMATCH");
		assertThat(json.read("$.detail", String.class)).contains("mTLS client 'partner'")
			.contains("expected one of [sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=]");
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.mtls.port", Integer.class);
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(pkiDirectory.resolve("alice.p12"))) {
			keyStore.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keyStore, "changeit".toCharArray());
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		try (InputStream in = Files.newInputStream(pkiDirectory.resolve("ca.crt"))) {
			trustStore.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trustStore);
		SSLContext sslContext = SSLContext.getInstance("TLS");
		sslContext.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		HttpClient client = HttpClient.newBuilder().sslContext(sslContext).version(HttpClient.Version.HTTP_1_1).build();
		return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port(context) + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The sample's application class, started by {@link SpringApplication#run}.
	 * @return the application class
	 */
	protected abstract Class<?> applicationClass();

}
