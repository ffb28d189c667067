package dev.mtls.boot.testing;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The check behind the OpenSSL leg: a TLS connector that serves JSSE where OpenSSL was
 * selected (or the reverse) fails the application's start.
 */
class TestSslImplementationTests {

	@Test
	void connectorServingJsseFailsWhenOpenSslIsSelected() {
		Connector connector = tlsConnector(null);
		assertThatIllegalStateException()
			.isThrownBy(() -> TestSslImplementation.ConnectorCheck.check(connector, protocol(connector), true))
			.withMessageContaining("should use OpenSSL");
	}

	@Test
	void connectorNamingOpenSslWithoutAnOpenSslContextFails() {
		Connector connector = tlsConnector(TestSslImplementation.OPENSSL_FFM);
		assertThatIllegalStateException()
			.isThrownBy(() -> TestSslImplementation.ConnectorCheck.check(connector, protocol(connector), true))
			.withMessageContaining("has no OpenSSL context");
	}

	@Test
	void connectorServingJsseWhenJsseIsSelectedPasses() {
		Connector connector = tlsConnector(null);
		assertThatNoException()
			.isThrownBy(() -> TestSslImplementation.ConnectorCheck.check(connector, protocol(connector), false));
	}

	private static Connector tlsConnector(String implementation) {
		Connector connector = new Connector("HTTP/1.1");
		AbstractHttp11Protocol<?> protocol = protocol(connector);
		protocol.setSSLEnabled(true);
		if (implementation != null) {
			protocol.setSslImplementationName(implementation);
		}
		SSLHostConfig host = new SSLHostConfig();
		host.setHostName(protocol.getDefaultSSLHostConfigName());
		protocol.addSslHostConfig(host);
		return connector;
	}

	private static AbstractHttp11Protocol<?> protocol(Connector connector) {
		return (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
	}

}
