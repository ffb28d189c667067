package dev.mtls.boot.client;

import java.security.KeyStore;
import java.security.Provider;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;

/**
 * A {@link KeyManagerFactory} that hands out one existing key manager, for HTTP clients
 * (Reactor Netty) that take factories rather than an {@code SSLContext}.
 */
final class FixedKeyManagerFactory extends KeyManagerFactory {

	private static final Provider PROVIDER = new Provider("mtls-client", "1.0", "mtls-spring-boot client keys") {

		private static final long serialVersionUID = 1L;

	};

	FixedKeyManagerFactory(KeyManager keyManager) {
		super(new FixedSpi(keyManager), PROVIDER, KeyManagerFactory.getDefaultAlgorithm());
	}

	private static final class FixedSpi extends KeyManagerFactorySpi {

		private final KeyManager keyManager;

		FixedSpi(KeyManager keyManager) {
			this.keyManager = keyManager;
		}

		@Override
		protected void engineInit(KeyStore keyStore, char[] password) {
		}

		@Override
		protected void engineInit(ManagerFactoryParameters spec) {
		}

		@Override
		protected KeyManager[] engineGetKeyManagers() {
			return new KeyManager[] { this.keyManager };
		}

	}

}
