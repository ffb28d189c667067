package dev.mtls.boot.openapi;

import java.util.ArrayList;
import java.util.List;

import dev.mtls.boot.auth.MtlsAuthProperties;
import dev.mtls.boot.auth.MtlsSecurityAutoConfiguration;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for springdoc-openapi: the generated document declares the
 * {@code mutualTLS} security scheme and attaches it to certificate-protected operations.
 * Without springdoc on the class path nothing changes.
 */
@AutoConfiguration(after = MtlsSecurityAutoConfiguration.class,
		beforeName = "org.springdoc.core.configuration.SpringDocConfiguration")
@ConditionalOnClass({ GlobalOpenApiCustomizer.class, GlobalOperationCustomizer.class })
@ConditionalOnBean(MtlsAuthProperties.class)
public final class MtlsOpenApiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MtlsOpenApiCustomizer mtlsOpenApiCustomizer(MtlsAuthProperties properties) {
		List<MtlsOpenApiCustomizer.PathRule> rules = new ArrayList<>();
		for (int i = 0; i < properties.getPaths().size(); i++) {
			MtlsAuthProperties.PathPolicy policy = properties.getPaths().get(i);
			if (policy.getPattern() == null || policy.getPattern().isBlank()) {
				continue;
			}
			rules.add(new MtlsOpenApiCustomizer.PathRule(policy.getPattern().trim(), policy.isRequired(),
					policy.getRoles(), policy.getBearerToken()));
		}
		return new MtlsOpenApiCustomizer(rules, properties.getBearerToken());
	}

	@Bean
	@ConditionalOnMissingBean
	RequireCertificateOperationCustomizer requireCertificateOperationCustomizer() {
		return new RequireCertificateOperationCustomizer();
	}

}
