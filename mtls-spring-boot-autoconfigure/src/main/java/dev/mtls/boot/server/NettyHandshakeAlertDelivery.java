package dev.mtls.boot.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Lets the alert of a refused handshake reach the client, as Tomcat does. With TLS 1.3 a
 * client sends its request right after its Finished message; when Netty then refuses the
 * certificate and closes the connection with that request unread, the kernel answers with
 * a reset that can overtake the alert, and the client sees a dropped connection instead
 * of {@code certificate_unknown}. After a failed handshake this handler first ends the
 * output (the alert, then FIN) and closes the connection once the client has closed its
 * side, at the latest after {@link #LINGER}.
 */
@Sharable
final class NettyHandshakeAlertDelivery extends ChannelOutboundHandlerAdapter {

	static final Duration LINGER = Duration.ofSeconds(1);

	private static final String NAME = "mtls.handshakeAlertDelivery";

	static final NettyHandshakeAlertDelivery INSTANCE = new NettyHandshakeAlertDelivery();

	private NettyHandshakeAlertDelivery() {
	}

	/**
	 * Install the handler on every connection of a TLS server, in front of its TLS
	 * handler.
	 * @param server the server
	 * @return the server with the handler
	 */
	static HttpServer install(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> addBeforeSslHandler(channel.pipeline()));
	}

	private static void addBeforeSslHandler(ChannelPipeline pipeline) {
		if (pipeline.get(NettyPipeline.SslHandler) != null && pipeline.get(NAME) == null) {
			pipeline.addBefore(NettyPipeline.SslHandler, NAME, INSTANCE);
		}
	}

	@Override
	public void close(ChannelHandlerContext context, ChannelPromise promise) throws Exception {
		if (context.channel() instanceof DuplexChannel channel && channel.isActive() && !channel.isOutputShutdown()
				&& handshakeFailed(context.pipeline())) {
			channel.shutdownOutput().addListener((Future<? super Void> shutdown) -> {
				// The client closes on the alert; Netty then closes the channel itself.
				context.executor().schedule(() -> {
					context.close(promise);
				}, LINGER.toMillis(), TimeUnit.MILLISECONDS);
			});
			return;
		}
		context.close(promise);
	}

	private static boolean handshakeFailed(ChannelPipeline pipeline) {
		SslHandler ssl = pipeline.get(SslHandler.class);
		return ssl != null && ssl.handshakeFuture().isDone() && ssl.handshakeFuture().cause() instanceof SSLException;
	}

}
