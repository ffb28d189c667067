package dev.mtls.boot.server;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http2.Http2Protocol;

import org.springframework.boot.tomcat.CompressionConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.util.StringUtils;

/**
 * Gives the dedicated mutual TLS connector what Boot gives the main connector, except its
 * port and TLS: the {@code server.*} connector settings (header and form size limits,
 * timeouts, keep-alive, threads, and whatever else reaches Tomcat as a connector or
 * protocol handler customizer, the application's own included), HTTP/2
 * ({@code server.http2.enabled}), compression, the {@code Server} header, the address and
 * the URI encoding. Tomcat only applies these to its main connector; this customizer runs
 * as one of them, when every {@code WebServerFactoryCustomizer} has had its say, and
 * applies the same to the dedicated connector.
 */
final class DedicatedConnectorSettings implements TomcatConnectorCustomizer {

	private final TomcatWebServerFactory factory;

	private final Connector dedicated;

	DedicatedConnectorSettings(TomcatWebServerFactory factory, Connector dedicated) {
		this.factory = factory;
		this.dedicated = dedicated;
	}

	@Override
	public void customize(Connector main) {
		if (main == this.dedicated) {
			return;
		}
		Connector connector = this.dedicated;
		if (StringUtils.hasText(this.factory.getServerHeader())) {
			connector.setProperty("server", this.factory.getServerHeader());
		}
		ProtocolHandler handler = connector.getProtocolHandler();
		if (handler instanceof AbstractProtocol<?> protocol && this.factory.getAddress() != null) {
			protocol.setAddress(this.factory.getAddress());
		}
		invokeProtocolHandlerCustomizers(handler);
		if (this.factory.getUriEncoding() != null) {
			connector.setURIEncoding(this.factory.getUriEncoding().name());
		}
		if (this.factory.getHttp2() != null && this.factory.getHttp2().isEnabled()) {
			connector.addUpgradeProtocol(new Http2Protocol());
		}
		new CompressionConnectorCustomizer(this.factory.getCompression()).customize(connector);
		for (TomcatConnectorCustomizer customizer : this.factory.getConnectorCustomizers()) {
			if (customizer != this) {
				customizer.customize(connector);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void invokeProtocolHandlerCustomizers(ProtocolHandler handler) {
		LambdaSafe
			.callbacks(TomcatProtocolHandlerCustomizer.class, this.factory.getProtocolHandlerCustomizers(), handler)
			.invoke((customizer) -> customizer.customize(handler));
	}

}
