package dev.mtls.boot.proxy;

import dev.mtls.boot.pki.ClientTrustAnchors;
import dev.mtls.boot.server.MtlsClientTrustAutoConfiguration;
import dev.mtls.boot.server.MtlsServerProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.server.WebFilter;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of proxy mode on Spring WebFlux: the reactive counterpart of
 * {@link MtlsProxyAutoConfiguration}, with the same properties and decisions, as a
 * {@link WebFilter} ahead of Spring Security.
 */
@AutoConfiguration(after = MtlsClientTrustAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ IpAddressMatcher.class, WebFilter.class })
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "mtls.proxy.enabled")
@EnableConfigurationProperties({ MtlsProxyProperties.class, MtlsServerProperties.class })
public final class MtlsReactiveProxyAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServerForwardedCertificateFilter serverForwardedCertificateFilter(MtlsProxyProperties properties,
			MtlsServerProperties serverProperties, Environment environment, ClientTrustAnchors trust,
			ApplicationEventPublisher eventPublisher) {
		ForwardedCertificateAcceptance.validateTrustedProxies(properties);
		MtlsProxyPropertiesAudit.check(properties, serverProperties, environment);
		ForwardedChainValidator validator = properties.isRevalidate()
				? new ForwardedChainValidator(ForwardedCertificateAcceptance.requireTrust(trust)) : null;
		ForwardedCertificateAcceptance acceptance = new ForwardedCertificateAcceptance(properties, validator);
		acceptance.setEventPublisher(eventPublisher);
		return new ServerForwardedCertificateFilter(acceptance);
	}

}
