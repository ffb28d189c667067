package dev.mtls.boot.server.handshake;

import java.security.KeyStore;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;

import io.netty.handler.ssl.util.SimpleTrustManagerFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;

/**
 * The application's SSL bundles as Reactor Netty's server sees them: each bundle, and
 * each update of it, with its trust managers wrapped by the {@link HandshakeObserver}, so
 * that a refused client chain is recorded. Key material, stores and options stay the
 * bundle's.
 */
final class ObservedSslBundles implements SslBundles {

	private final SslBundles delegate;

	private final HandshakeObserver observer;

	ObservedSslBundles(SslBundles delegate, HandshakeObserver observer) {
		this.delegate = delegate;
		this.observer = observer;
	}

	@Override
	public SslBundle getBundle(String name) {
		return observe(this.delegate.getBundle(name));
	}

	@Override
	public void addBundleUpdateHandler(String name, Consumer<SslBundle> updateHandler) {
		this.delegate.addBundleUpdateHandler(name, (updated) -> updateHandler.accept(observe(updated)));
	}

	@Override
	public void addBundleRegisterHandler(BiConsumer<String, SslBundle> registerHandler) {
		this.delegate.addBundleRegisterHandler((name, bundle) -> registerHandler.accept(name, observe(bundle)));
	}

	@Override
	public List<String> getBundleNames() {
		return this.delegate.getBundleNames();
	}

	private SslBundle observe(SslBundle bundle) {
		SslManagerBundle managers = bundle.getManagers();
		TrustManager[] observed = this.observer.observe(managers.getTrustManagerFactory().getTrustManagers());
		SslManagerBundle observedManagers = SslManagerBundle.of(managers.getKeyManagerFactory(),
				new FixedTrustManagerFactory(observed));
		return SslBundle.of(bundle.getStores(), bundle.getKey(), bundle.getOptions(), bundle.getProtocol(),
				observedManagers);
	}

	/**
	 * A factory that hands out the given trust managers.
	 */
	private static final class FixedTrustManagerFactory extends SimpleTrustManagerFactory {

		private final TrustManager @Nullable [] trustManagers;

		FixedTrustManagerFactory(TrustManager @Nullable [] trustManagers) {
			this.trustManagers = trustManagers;
		}

		@Override
		protected void engineInit(@Nullable KeyStore keyStore) {
		}

		@Override
		protected void engineInit(@Nullable ManagerFactoryParameters parameters) {
		}

		@Override
		protected TrustManager[] engineGetTrustManagers() {
			return (this.trustManagers != null) ? this.trustManagers.clone() : new TrustManager[0];
		}

	}

}
