package dev.mtls.boot.oauth2;

import java.nio.file.Path;

import dev.mtls.boot.pki.MtlsFailureAnalysis;
import dev.mtls.boot.auth.MtlsSecurityAutoConfiguration;
import dev.mtls.boot.client.MtlsClientAutoConfiguration;
import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of the OAuth2 integration: absent unless a property asks for tokens, and a
 * setting that could not work stops startup naming the property.
 */
class MtlsOAuth2AutoConfigurationTests {

	@TempDir
	Path directory;

	private final WebApplicationContextRunner server = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MtlsSecurityAutoConfiguration.class, MtlsBearerTokenAutoConfiguration.class,
					SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class));

	@Test
	void certificateOnlyApplicationsGetNoTokenHandling() {
		this.server.run((context) -> {
			assertThat(context).doesNotHaveBean(MtlsBearerTokenCustomizer.class);
			assertThat(context.getBean(SecurityFilterChain.class).getFilters())
				.noneMatch(BearerTokenAuthenticationFilter.class::isInstance)
				.noneMatch(BearerTokenPolicyFilter.class::isInstance);
		});
	}

	@Test
	void bearerTokenOnAPathAddsTokenHandlingToTheChain() {
		this.server.withPropertyValues("mtls.auth.paths[0].pattern=/api/**", "mtls.auth.paths[0].bearer-token=required")
			.withBean(org.springframework.security.oauth2.jwt.JwtDecoder.class, () -> (token) -> {
				throw new org.springframework.security.oauth2.jwt.BadJwtException("not in this test");
			})
			.run((context) -> {
				assertThat(context).hasSingleBean(MtlsBearerTokenCustomizer.class);
				assertThat(context.getBean(SecurityFilterChain.class).getFilters())
					.anyMatch(BearerTokenAuthenticationFilter.class::isInstance)
					.anyMatch(BearerTokenPolicyFilter.class::isInstance);
			});
	}

	@Test
	void bearerTokenWithoutDecoderOrIntrospectorStopsStartupNamingTheProperty() {
		this.server.withPropertyValues("mtls.auth.bearer-token=certificate-bound").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = MtlsFailureAnalysis.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("mtls.auth.bearer-token")
				.contains("nothing to check them with");
			assertThat(analysis.getAction()).contains("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
		});
	}

	@Test
	void bearerTokenWithoutResourceServerOnTheClassPathStopsStartupNamingTheProperty() {
		this.server.withClassLoader(new FilteredClassLoader(BearerTokenAuthenticationFilter.class))
			.withPropertyValues("mtls.auth.paths[0].pattern=/api/**", "mtls.auth.paths[0].bearer-token=required")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = MtlsFailureAnalysis.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("mtls.auth.paths[0].bearer-token")
					.contains("resource server is not on the class path");
				assertThat(analysis.getAction()).contains("spring-boot-starter-security-oauth2-resource-server");
			});
	}

	@Test
	void clientRegistrationThatDoesNotUseTheCertificateStopsStartupNamingTheProperty() {
		TestPki pki = new TestPki(this.directory);
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientAutoConfiguration.class,
					OAuth2ClientAutoConfiguration.class, MtlsOAuth2ClientAutoConfiguration.class))
			.withPropertyValues("mtls.clients.orders.truststore.certificate=" + pki.location("ca.crt"),
					"mtls.clients.orders.oauth2-registration=orders",
					"spring.security.oauth2.client.registration.orders.client-id=a",
					"spring.security.oauth2.client.registration.orders.client-secret=s",
					"spring.security.oauth2.client.registration.orders.authorization-grant-type=client_credentials",
					"spring.security.oauth2.client.registration.orders.client-authentication-method=client_secret_basic",
					"spring.security.oauth2.client.provider.orders.token-uri=https://localhost:1/token")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = MtlsFailureAnalysis.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("mtls.clients.orders.oauth2-registration")
					.contains("client_secret_basic");
				assertThat(analysis.getAction()).contains("client-authentication-method=tls_client_auth");
			});
	}

	@Test
	void unknownClientRegistrationStopsStartupNamingTheProperty() {
		TestPki pki = new TestPki(this.directory);
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientAutoConfiguration.class,
					OAuth2ClientAutoConfiguration.class, MtlsOAuth2ClientAutoConfiguration.class))
			.withPropertyValues("mtls.clients.orders.truststore.certificate=" + pki.location("ca.crt"),
					"mtls.clients.orders.oauth2-registration=orders")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = MtlsFailureAnalysis.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("mtls.clients.orders.oauth2-registration");
			});
	}

	@Test
	void clientsWithoutRegistrationGetNoTokenHandling() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientAutoConfiguration.class,
					MtlsOAuth2ClientAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ClientCredentialsTokenInterceptors.class));
	}

}
