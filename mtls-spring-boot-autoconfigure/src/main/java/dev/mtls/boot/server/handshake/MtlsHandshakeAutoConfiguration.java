package dev.mtls.boot.server.handshake;

import dev.mtls.boot.server.MtlsServerAutoConfiguration;
import dev.mtls.boot.server.MtlsTomcatWebServerFactoryCustomizer;
import org.apache.catalina.startup.Tomcat;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that makes TLS handshakes refused by the server visible: a WARN
 * line per refusal and the {@link HandshakeRefusalListener} beans (metrics, actuator).
 */
@AutoConfiguration(after = MtlsServerAutoConfiguration.class)
@ConditionalOnClass({ Tomcat.class, TomcatServletWebServerFactory.class })
@ConditionalOnBean(MtlsTomcatWebServerFactoryCustomizer.class)
public final class MtlsHandshakeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HandshakeObserver handshakeObserver(ObjectProvider<HandshakeRefusalListener> listeners) {
		return new HandshakeObserver(SingletonSupplier.of(() -> listeners.orderedStream().toList()));
	}

	@Bean
	@ConditionalOnMissingBean
	TomcatHandshakeObservation tomcatHandshakeObservation(HandshakeObserver observer, SslBundles sslBundles) {
		return new TomcatHandshakeObservation(observer, sslBundles);
	}

}
