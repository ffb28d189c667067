package dev.mtls.boot.server.handshake;

import dev.mtls.boot.server.MtlsNettyServerAutoConfiguration;
import dev.mtls.boot.server.MtlsNettyWebServerFactoryCustomizer;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that makes TLS handshakes refused by a Reactor Netty server
 * visible, as {@link MtlsHandshakeAutoConfiguration} does for Tomcat: a WARN line per
 * refusal and the {@link HandshakeRefusalListener} beans. Ordered before the Tomcat one
 * (never active together) so that what comes after that one also comes after this one.
 */
@AutoConfiguration(after = MtlsNettyServerAutoConfiguration.class, before = MtlsHandshakeAutoConfiguration.class)
@ConditionalOnClass({ NettyReactiveWebServerFactory.class, SslHandshakeCompletionEvent.class })
@ConditionalOnBean(MtlsNettyWebServerFactoryCustomizer.class)
public final class MtlsNettyHandshakeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HandshakeObserver handshakeObserver(ObjectProvider<HandshakeRefusalListener> listeners) {
		return new HandshakeObserver(SingletonSupplier.of(() -> listeners.orderedStream().toList()));
	}

	@Bean
	@ConditionalOnMissingBean
	NettyHandshakeObservation nettyHandshakeObservation(HandshakeObserver observer) {
		return new NettyHandshakeObservation(observer);
	}

}
