package dev.mtls.boot.actuate;

import java.time.Clock;

import dev.mtls.boot.proxy.MtlsProxyProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@link MtlsEndpoint mtls endpoint}, available when exposed
 * following Boot's rules ({@code management.endpoints.web.exposure.include=mtls}).
 */
@AutoConfiguration(after = MtlsOperationsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(MtlsLifecycleRecorder.class)
public final class MtlsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	MtlsEndpoint mtlsEndpoint(MtlsMaterialInspector inspector, MtlsLifecycleRecorder lifecycle, Environment environment,
			ObjectProvider<RecentHandshakeRefusals> handshakeRefusals,
			ObjectProvider<MtlsProxyProperties> proxyProperties) {
		MtlsEndpoint endpoint = new MtlsEndpoint(inspector, lifecycle, Clock.systemUTC(),
				MtlsOperationsAutoConfiguration.warningThreshold(environment));
		endpoint.setHandshakeRefusals(handshakeRefusals.getIfAvailable());
		endpoint.setProxyProperties(proxyProperties.getIfAvailable());
		return endpoint;
	}

}
