package dev.mtls.boot.openapi;

import java.util.ArrayList;
import java.util.List;

import dev.mtls.boot.auth.MtlsAuthProperties;
import dev.mtls.boot.auth.MtlsSecurityAutoConfiguration;
import dev.mtls.boot.pki.MtlsMaterialException;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

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
	MtlsOpenApiCustomizer mtlsOpenApiCustomizer(MtlsAuthProperties properties, Environment environment) {
		Binder binder = Binder.get(environment);
		List<MtlsOpenApiCustomizer.PathRule> rules = new ArrayList<>();
		for (int i = 0; i < properties.getPaths().size(); i++) {
			MtlsAuthProperties.PathPolicy policy = properties.getPaths().get(i);
			if (policy.getPattern() == null || policy.getPattern().isBlank()) {
				continue;
			}
			rules.add(new MtlsOpenApiCustomizer.PathRule(policy.getPattern().trim(), policy.isRequired(),
					policy.getRoles(), bearerToken(binder, "mtls.auth.paths[" + i + "].bearer-token")));
		}
		MtlsOpenApiCustomizer.BearerToken defaultBearerToken = bearerToken(binder, "mtls.auth.bearer-token");
		return new MtlsOpenApiCustomizer(rules,
				(defaultBearerToken != null) ? defaultBearerToken : MtlsOpenApiCustomizer.BearerToken.NONE);
	}

	@Bean
	@ConditionalOnMissingBean
	RequireCertificateOperationCustomizer requireCertificateOperationCustomizer() {
		return new RequireCertificateOperationCustomizer();
	}

	/**
	 * The bearer token properties are read by name: the OAuth2 resource server
	 * integration owns them, and they are absent without it.
	 */
	private static MtlsOpenApiCustomizer.@org.jspecify.annotations.Nullable BearerToken bearerToken(Binder binder,
			String name) {
		String value = binder.bind(name, String.class).orElse(null);
		try {
			return MtlsOpenApiCustomizer.BearerToken.of(value);
		}
		catch (IllegalArgumentException ex) {
			throw new MtlsMaterialException(name, "'" + value + "' is not a bearer token requirement",
					"Use none, required or certificate-bound.", ex);
		}
	}

}
