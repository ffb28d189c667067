package dev.mtls.boot.client;

import java.security.KeyStore;
import java.security.Provider;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;

/**
 * A {@link TrustManagerFactory} that hands out one existing trust manager, for HTTP
 * clients (Reactor Netty) that take factories rather than an {@code SSLContext}. Unlike
 * {@code SslManagerBundle.from(TrustManager...)} it initialises no default factory, which
 * would read the JDK's CA certificates once per client at startup for nothing.
 */
final class FixedTrustManagerFactory extends TrustManagerFactory {

	private static final Provider PROVIDER = new Provider("mtls-client-trust", "1.0", "mtls-spring-boot client trust") {

		private static final long serialVersionUID = 1L;

	};

	FixedTrustManagerFactory(TrustManager trustManager) {
		super(new FixedSpi(trustManager), PROVIDER, TrustManagerFactory.getDefaultAlgorithm());
	}

	private static final class FixedSpi extends TrustManagerFactorySpi {

		private final TrustManager trustManager;

		FixedSpi(TrustManager trustManager) {
			this.trustManager = trustManager;
		}

		@Override
		protected void engineInit(KeyStore keyStore) {
		}

		@Override
		protected void engineInit(ManagerFactoryParameters spec) {
		}

		@Override
		protected TrustManager[] engineGetTrustManagers() {
			return new TrustManager[] { this.trustManager };
		}

	}

}
