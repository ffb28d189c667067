package dev.mtls.boot.server.handshake;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Observes the TLS handshakes of the Reactor Netty servers (the main one and the
 * dedicated {@code mtls.server.port} one, which takes the main factory's bundles): their
 * SSL bundles come with observing trust managers ({@link ObservedSslBundles}), and a
 * channel handler reports each failed handshake with the peer address once Netty signals
 * it. Both run on the connection's event loop, as the observer expects.
 */
public class NettyHandshakeObservation implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	private static final String HANDLER_NAME = "mtls.handshakeObserver";

	private final HandshakeObserver observer;

	private final FailedHandshakeHandler handler;

	public NettyHandshakeObservation(HandshakeObserver observer) {
		this.observer = observer;
		this.handler = new FailedHandshakeHandler(observer);
	}

	/**
	 * After the starter's server customizer, which hands the factory its bundles.
	 */
	@Override
	public int getOrder() {
		return 20;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		SslBundles bundles = factory.getSslBundles();
		if (bundles != null && !(bundles instanceof ObservedSslBundles)) {
			factory.setSslBundles(new ObservedSslBundles(bundles, this.observer));
		}
		factory.addServerCustomizers((server) -> server
			.doOnChannelInit((connectionObserver, channel, remoteAddress) -> addAfterSslHandler(channel.pipeline())));
	}

	/**
	 * Right after the TLS handler, where its handshake completion event is still as Netty
	 * fires it; on a server without TLS there is nothing to observe.
	 */
	private void addAfterSslHandler(ChannelPipeline pipeline) {
		if (pipeline.get(NettyPipeline.SslHandler) != null && pipeline.get(HANDLER_NAME) == null) {
			pipeline.addAfter(NettyPipeline.SslHandler, HANDLER_NAME, this.handler);
		}
	}

	@Sharable
	static final class FailedHandshakeHandler extends ChannelInboundHandlerAdapter {

		private final HandshakeObserver observer;

		FailedHandshakeHandler(HandshakeObserver observer) {
			this.observer = observer;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
			if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()
					&& completion.cause() instanceof SSLException failure) {
				this.observer.handshakeFailed(failure);
				this.observer.connectionFailed(address(context.channel().remoteAddress()));
			}
			super.userEventTriggered(context, event);
		}

		private static String address(@Nullable SocketAddress address) {
			if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
				return inet.getAddress().getHostAddress();
			}
			return String.valueOf(address);
		}

	}

}
