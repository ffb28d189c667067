package dev.mtls.boot.client;

import java.nio.file.Path;

import dev.mtls.boot.pki.MtlsMaterialException;
import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions, back-off, bundle registration and startup failures of
 * {@link MtlsClientAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class MtlsClientAutoConfigurationTests {

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
	void providesRegistryBuilderHelpersAndDefaultClients() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(MtlsClients.class)
			.hasSingleBean(MtlsClientSslBundleRegistrar.class)
			.hasSingleBean(MtlsRestClientSsl.class)
			.hasSingleBean(MtlsWebClientSsl.class)
			.hasSingleBean(RestClient.class)
			.hasSingleBean(RestTemplate.class)
			.hasSingleBean(WebClient.class));
	}

	@Test
	void registersDefaultAndNamedClientsAsSslBundles() {
		this.runner.withPropertyValues(MtlsClientIntegrationTestsSupport.named(pki, "partner", "alice"))
			.run((context) -> {
				SslBundles bundles = context.getBean(SslBundles.class);
				assertThat(bundles.getBundleNames()).contains("mtls-client", "mtls-client-partner");
				assertThat(bundles.getBundle("mtls-client-partner").getKey().getAlias()).isNotNull();
				MtlsClient partner = context.getBean(MtlsClients.class).get("partner");
				assertThat(partner.getBundleName()).isEqualTo("mtls-client-partner");
				assertThat(partner.getBaseUrl()).isEqualTo("https://localhost:1");
				assertThat(bundles.getBundle("mtls-client-partner")).isSameAs(partner.getSslBundle());
			});
	}

	@Test
	void namedClientTakesUnsetSettingsFromTheDefaultClient() {
		this.runner
			.withPropertyValues("mtls.client.connect-timeout=3s", "mtls.client.read-timeout=7s",
					"mtls.clients.partner.read-timeout=9s", "mtls.clients.partner.base-url=https://localhost:1")
			.run((context) -> {
				MtlsClient partner = context.getBean(MtlsClients.class).get("partner");
				assertThat(partner.getConnectTimeout()).hasSeconds(3);
				assertThat(partner.getReadTimeout()).hasSeconds(9);
			});
	}

	@Test
	void userDefinedClientsWinOverTheDefaultOnes() {
		this.runner.withUserConfiguration(UserClients.class).run((context) -> {
			assertThat(context).hasSingleBean(RestClient.class)
				.hasSingleBean(RestTemplate.class)
				.hasSingleBean(WebClient.class);
			assertThat(context.getBean(RestClient.class)).isSameAs(UserClients.REST_CLIENT);
			assertThat(context.getBean(RestTemplate.class)).isSameAs(UserClients.REST_TEMPLATE);
			assertThat(context.getBean(WebClient.class)).isSameAs(UserClients.WEB_CLIENT);
			assertThat(context).hasSingleBean(MtlsRestClientSsl.class);
		});
	}

	@Test
	void withoutWebFluxThereIsNoWebClient() {
		this.runner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).hasSingleBean(RestClient.class)
				.doesNotHaveBean(WebClient.class)
				.doesNotHaveBean(MtlsWebClientSsl.class));
	}

	@Test
	void withoutRestClientSupportThereAreNoBlockingClients() {
		this.runner
			.withClassLoader(new FilteredClassLoader(org.springframework.boot.restclient.RestTemplateBuilder.class))
			.run((context) -> assertThat(context).hasSingleBean(MtlsClients.class)
				.doesNotHaveBean(MtlsRestClientSsl.class)
				.doesNotHaveBean(RestTemplate.class));
	}

	@Test
	void turnedOffWithTheStarter() {
		this.runner.withPropertyValues("mtls.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MtlsClients.class).doesNotHaveBean(RestClient.class));
	}

	@Test
	void missingClientCertificateFileStopsStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("mtls.clients.partner.keystore.certificate=file:" + directory.resolve("nope.crt"),
					"mtls.clients.partner.keystore.private-key=" + pki.location("alice.key"))
			.run((context) -> {
				assertThat(context).hasFailed();
				MtlsMaterialException failure = materialFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("mtls.clients.partner.keystore.certificate");
				assertThat(failure.getDescription()).contains("does not exist");
			});
	}

	@Test
	void keyNotMatchingTheCertificateStopsStartup() {
		pki.untrustedClient().writePem(pki.path("mallory.crt"), pki.path("mallory.key"));
		this.runner
			.withPropertyValues("mtls.client.keystore.certificate=" + pki.location("alice.crt"),
					"mtls.client.keystore.private-key=" + pki.location("mallory.key"))
			.run((context) -> assertThat(materialFailure(context.getStartupFailure()).getProperty())
				.isEqualTo("mtls.client.keystore.private-key"));
	}

	@Test
	void malformedPinStopsStartup() {
		this.runner.withPropertyValues("mtls.clients.partner.pins=md5/abc").run((context) -> {
			MtlsMaterialException failure = materialFailure(context.getStartupFailure());
			assertThat(failure.getProperty()).isEqualTo("mtls.clients.partner.pins[0]");
			assertThat(failure.getAction()).contains("sha256/");
		});
	}

	@Test
	void unknownSslBundleStopsStartup() {
		this.runner.withPropertyValues("mtls.clients.partner.ssl-bundle=missing")
			.run((context) -> assertThat(materialFailure(context.getStartupFailure()).getProperty())
				.isEqualTo("mtls.clients.partner.ssl-bundle"));
	}

	@Test
	void clientCanUseAnExistingSslBundle() {
		this.runner
			.withPropertyValues("spring.ssl.bundle.pem.partner.keystore.certificate=" + pki.location("alice.crt"),
					"spring.ssl.bundle.pem.partner.keystore.private-key=" + pki.location("alice.key"),
					"spring.ssl.bundle.pem.partner.truststore.certificate=" + pki.location("ca.crt"),
					"mtls.clients.partner.ssl-bundle=partner")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MtlsClient partner = context.getBean(MtlsClients.class).get("partner");
				assertThat(partner.sslBundle().material().identity().certificate().getSubjectX500Principal().getName())
					.isEqualTo("CN=alice,O=mtls tests");
			});
	}

	@Test
	void serverIdentityIsReusedUnlessTurnedOff() {
		String[] server = pki.pemServerProperties();
		this.runner.withPropertyValues(server)
			.run((context) -> assertThat(
					context.getBean(MtlsClients.class).getDefault().sslBundle().material().identitySource())
				.isEqualTo("mtls.server.keystore"));
		this.runner.withPropertyValues(server)
			.withPropertyValues("mtls.client.reuse-server-identity=false")
			.run((context) -> assertThat(
					context.getBean(MtlsClients.class).getDefault().sslBundle().material().identity())
				.isNull());
	}

	@Test
	void turningHostnameVerificationOffLogsAWarningNamingTheClient(CapturedOutput output) {
		this.runner.withPropertyValues("mtls.clients.partner.verify-hostname=false")
			.run((context) -> assertThat(output).contains("mTLS client 'partner' does not verify")
				.contains("mtls.clients.partner.verify-hostname=false"));
	}

	@Test
	void unknownClientNameIsExplained() {
		this.runner.withPropertyValues("mtls.clients.partner.base-url=https://localhost:1")
			.run((context) -> assertThat(org.assertj.core.api.Assertions
				.catchThrowable(() -> context.getBean(MtlsRestClientSsl.class).fromClient("parnter")))
				.hasMessageContaining("No mTLS client named 'parnter'")
				.hasMessageContaining("[partner]"));
	}

	private static MtlsMaterialException materialFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MtlsMaterialException material) {
				return material;
			}
		}
		throw new AssertionError("No MtlsMaterialException in " + failure, failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClients {

		static final RestClient REST_CLIENT = RestClient.create();

		static final RestTemplate REST_TEMPLATE = new RestTemplate();

		static final WebClient WEB_CLIENT = WebClient.create();

		@Bean
		RestClient myRestClient() {
			return REST_CLIENT;
		}

		@Bean
		RestTemplate myRestTemplate() {
			return REST_TEMPLATE;
		}

		@Bean
		WebClient myWebClient() {
			return WEB_CLIENT;
		}

	}

}
