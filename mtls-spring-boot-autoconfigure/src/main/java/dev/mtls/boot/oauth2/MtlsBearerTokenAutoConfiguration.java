package dev.mtls.boot.oauth2;

import java.util.List;

import dev.mtls.boot.auth.MtlsAuthProperties;
import dev.mtls.boot.auth.MtlsHttpSecurityCustomizer;
import dev.mtls.boot.auth.MtlsSecurityAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for bearer tokens together with client certificates: active only
 * when {@code mtls.auth.bearer-token} or a {@code mtls.auth.paths[n].bearer-token} asks
 * for tokens and Spring Security's OAuth2 resource server is on the class path, so that
 * certificate-only applications run exactly as before.
 */
@AutoConfiguration(after = MtlsSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ BearerTokenAuthenticationFilter.class, OAuth2ResourceServerConfigurer.class })
@ConditionalOnBean(MtlsHttpSecurityCustomizer.class)
@Conditional(MtlsBearerTokenAutoConfiguration.BearerTokensRequiredCondition.class)
public final class MtlsBearerTokenAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MtlsBearerTokenCustomizer mtlsBearerTokenCustomizer(MtlsAuthProperties properties,
			ObjectProvider<PathPatternRequestMatcher.Builder> matchers) {
		return new MtlsBearerTokenCustomizer(properties,
				matchers.getIfAvailable(PathPatternRequestMatcher::withDefaults));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebMvcConfigurer.class)
	static class CertificatePrincipalArgumentConfiguration {

		@Bean
		CertificatePrincipalArgumentConfigurer certificatePrincipalArgumentConfigurer(
				ObjectProvider<SecurityContextHolderStrategy> contexts) {
			return new CertificatePrincipalArgumentConfigurer(
					contexts.getIfUnique(SecurityContextHolder::getContextHolderStrategy));
		}

	}

	/**
	 * Puts the certificate principal's resolver ahead of Spring Security's
	 * {@code @AuthenticationPrincipal} resolver, which every other configurer's resolvers
	 * follow.
	 */
	static final class CertificatePrincipalArgumentConfigurer implements WebMvcConfigurer, Ordered {

		private final SecurityContextHolderStrategy contexts;

		CertificatePrincipalArgumentConfigurer(SecurityContextHolderStrategy contexts) {
			this.contexts = contexts;
		}

		@Override
		public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
			resolvers.add(0, new CertificatePrincipalArgumentResolver(this.contexts));
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	static final class BearerTokensRequiredCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			MtlsAuthProperties properties = Binder.get(context.getEnvironment())
				.bind("mtls.auth", MtlsAuthProperties.class)
				.orElseGet(MtlsAuthProperties::new);
			return BearerTokenPaths.anyRequired(properties)
					? ConditionOutcome.match("mtls.auth bearer-token requires bearer tokens")
					: ConditionOutcome.noMatch("mtls.auth bearer-token is 'none' everywhere");
		}

	}

}
