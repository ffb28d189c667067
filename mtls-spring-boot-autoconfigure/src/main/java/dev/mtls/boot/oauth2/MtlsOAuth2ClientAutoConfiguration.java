package dev.mtls.boot.oauth2;

import dev.mtls.boot.client.MtlsClientAutoConfiguration;
import dev.mtls.boot.client.MtlsClientProperties;
import dev.mtls.boot.client.MtlsClients;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for named mTLS clients that fetch OAuth2 {@code client_credentials}
 * tokens with their certificate ({@code mtls.clients.<name>.oauth2-registration}) and
 * send them with their requests. Active only when a client sets it and Spring Security's
 * OAuth2 client is on the class path.
 */
@AutoConfiguration(after = MtlsClientAutoConfiguration.class,
		afterName = "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration")
@ConditionalOnClass({ OAuth2AuthorizedClientManager.class, OAuth2ClientHttpRequestInterceptor.class, RestClient.class,
		ClientHttpRequestFactoryBuilder.class })
@ConditionalOnBean(MtlsClients.class)
@Conditional(MtlsOAuth2ClientAutoConfiguration.OAuth2RegistrationConfiguredCondition.class)
public final class MtlsOAuth2ClientAutoConfiguration {

	@Bean
	ClientCredentialsTokenInterceptors mtlsClientCredentialsTokenInterceptors(MtlsClientProperties properties,
			MtlsClients clients, ObjectProvider<ClientRegistrationRepository> registrations) {
		return new ClientCredentialsTokenInterceptors(properties, clients, registrations.getIfAvailable());
	}

	static final class OAuth2RegistrationConfiguredCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			MtlsClientProperties properties = Binder.get(context.getEnvironment())
				.bind("mtls", Bindable.of(MtlsClientProperties.class))
				.orElseGet(MtlsClientProperties::new);
			boolean configured = properties.getClients()
				.values()
				.stream()
				.anyMatch((client) -> client.getOauth2Registration() != null
						&& !client.getOauth2Registration().isBlank());
			return configured ? ConditionOutcome.match("an mtls.clients.<name>.oauth2-registration is set")
					: ConditionOutcome.noMatch("no mtls.clients.<name>.oauth2-registration is set");
		}

	}

}
