package dev.mtls.boot.openapi;

import dev.mtls.boot.auth.MtlsAuthProperties;
import org.junit.jupiter.api.Test;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of {@link MtlsOpenApiAutoConfiguration}: nothing without springdoc or
 * without the starter's certificate authentication; a malformed bearer token requirement
 * stops startup naming the property.
 */
class MtlsOpenApiAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MtlsOpenApiAutoConfiguration.class));

	@Test
	void customizesTheDocumentWhenSpringdocAndCertificateAuthenticationArePresent() {
		this.runner.withUserConfiguration(AuthProperties.class)
			.run((context) -> assertThat(context).hasSingleBean(MtlsOpenApiCustomizer.class)
				.hasSingleBean(RequireCertificateOperationCustomizer.class));
	}

	@Test
	void nothingWithoutSpringdoc() {
		this.runner.withUserConfiguration(AuthProperties.class)
			.withClassLoader(new FilteredClassLoader(GlobalOpenApiCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MtlsOpenApiCustomizer.class)
				.doesNotHaveBean(RequireCertificateOperationCustomizer.class));
	}

	@Test
	void nothingWithoutCertificateAuthentication() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MtlsOpenApiCustomizer.class));
	}

	@Test
	void malformedBearerTokenRequirementStopsStartup() {
		this.runner.withUserConfiguration(AuthProperties.class)
			.withPropertyValues("mtls.auth.bearer-token=sometimes")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("mtls.auth.bearer-token")
				.hasStackTraceContaining("sometimes"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MtlsAuthProperties.class)
	static class AuthProperties {

	}

}
