package dev.mtls.boot.proxy;

import java.util.ArrayList;
import java.util.List;

import dev.mtls.boot.pki.ClientTrustAnchors;
import dev.mtls.boot.server.MtlsClientTrustAutoConfiguration;
import dev.mtls.boot.server.MtlsServerAutoConfiguration;
import dev.mtls.boot.server.MtlsServerProperties;
import org.apache.catalina.Valve;
import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for client certificates forwarded by a TLS-terminating proxy. The
 * filter runs before Spring Security, so the forwarded certificate goes through the same
 * authentication as one from a TLS handshake.
 */
@AutoConfiguration(after = { MtlsServerAutoConfiguration.class, MtlsClientTrustAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ IpAddressMatcher.class, FilterRegistrationBean.class })
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "mtls.proxy.enabled")
@EnableConfigurationProperties({ MtlsProxyProperties.class, MtlsServerProperties.class })
public final class MtlsProxyAutoConfiguration {

	/**
	 * Just ahead of Spring Security's filter chain.
	 */
	static final int FILTER_ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10;

	@Bean
	@ConditionalOnMissingBean(name = "forwardedCertificateFilter")
	FilterRegistrationBean<ForwardedCertificateFilter> forwardedCertificateFilter(MtlsProxyProperties properties,
			MtlsServerProperties serverProperties, Environment environment, ClientTrustAnchors trust,
			ApplicationEventPublisher eventPublisher) {
		ForwardedCertificateAcceptance.validateTrustedProxies(properties);
		MtlsProxyPropertiesAudit.check(properties, serverProperties, environment);
		ForwardedChainValidator validator = properties.isRevalidate()
				? new ForwardedChainValidator(ForwardedCertificateAcceptance.requireTrust(trust)) : null;
		ForwardedCertificateFilter filter = new ForwardedCertificateFilter(properties, validator);
		filter.setEventPublisher(eventPublisher);
		FilterRegistrationBean<ForwardedCertificateFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(FILTER_ORDER);
		registration.setName("forwardedCertificateFilter");
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatServletWebServerFactory.class })
	static class TomcatPeerAddressConfiguration {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> tcpPeerAddressValveCustomizer() {
			return new TcpPeerAddressValveCustomizer();
		}

	}

	/**
	 * Puts {@link TcpPeerAddressValve} first among the engine valves, ahead of the
	 * {@code RemoteIpValve} that Boot's own customizer may have added.
	 */
	static class TcpPeerAddressValveCustomizer
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, org.springframework.core.Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			List<Valve> valves = new ArrayList<>(factory.getEngineValves());
			valves.add(0, new TcpPeerAddressValve());
			factory.setEngineValves(valves);
		}

		@Override
		public int getOrder() {
			return org.springframework.core.Ordered.LOWEST_PRECEDENCE;
		}

	}

}
