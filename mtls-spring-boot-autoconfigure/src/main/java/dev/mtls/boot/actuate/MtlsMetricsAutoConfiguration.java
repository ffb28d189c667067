package dev.mtls.boot.actuate;

import java.time.Clock;

import dev.mtls.boot.client.MtlsClients;
import dev.mtls.boot.server.handshake.HandshakeObserver;
import dev.mtls.boot.server.handshake.MtlsHandshakeAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of Micrometer metrics for mutual TLS: certificate expiry, reloads,
 * revocation checks, certificate authentications and outbound client requests.
 */
@AutoConfiguration(after = { MtlsOperationsAutoConfiguration.class, MetricsAutoConfiguration.class,
		CompositeMeterRegistryAutoConfiguration.class, MtlsHandshakeAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, MetricsAutoConfiguration.class })
@ConditionalOnBean({ MeterRegistry.class, MtlsLifecycleRecorder.class })
public final class MtlsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MtlsMetrics mtlsMetrics(MtlsMaterialInspector inspector, MtlsLifecycleRecorder lifecycle) {
		return new MtlsMetrics(inspector, lifecycle, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ForwardedCertificateRefusalMetrics forwardedCertificateRefusalMetrics(MeterRegistry registry) {
		return new ForwardedCertificateRefusalMetrics(registry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(HandshakeObserver.class)
	static class HandshakeRefusalMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HandshakeRefusalMetrics handshakeRefusalMetrics(MeterRegistry registry) {
			return new HandshakeRefusalMetrics(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(MtlsClients.class)
	static class ClientRequestMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MtlsClientRequestMetrics mtlsClientRequestMetrics(MeterRegistry registry) {
			return new MtlsClientRequestMetrics(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AbstractAuthenticationEvent.class)
	static class AuthenticationMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CertificateAuthenticationMetrics certificateAuthenticationMetrics(MeterRegistry registry) {
			return new CertificateAuthenticationMetrics(registry);
		}

	}

}
