package dev.mtls.boot.server.handshake;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

import org.apache.tomcat.util.net.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's SSL context whose engines report failed handshakes to the observer.
 */
final class ObservingSslContext implements SSLContext {

	private final SSLContext delegate;

	private final HandshakeObserver observer;

	private final @Nullable Object keyStore;

	private final @Nullable Object trustStore;

	private final boolean openSsl;

	/**
	 * Create an observing context.
	 * @param delegate Tomcat's context
	 * @param observer the observer
	 * @param keyStore the key store it was built from
	 * @param trustStore the trust store it was built from
	 * @param openSsl whether the delegate is Tomcat's OpenSSL context, whose engines
	 * report failed handshakes differently
	 */
	ObservingSslContext(SSLContext delegate, HandshakeObserver observer, @Nullable Object keyStore,
			@Nullable Object trustStore, boolean openSsl) {
		this.delegate = delegate;
		this.observer = observer;
		this.keyStore = keyStore;
		this.trustStore = trustStore;
		this.openSsl = openSsl;
	}

	/**
	 * Return whether this context was built from these stores: a reload sets new ones.
	 */
	boolean isBuiltFrom(@Nullable Object keyStore, @Nullable Object trustStore) {
		return this.keyStore == keyStore && this.trustStore == trustStore;
	}

	@Override
	public void init(KeyManager @Nullable [] kms, TrustManager @Nullable [] tms, @Nullable SecureRandom sr)
			throws KeyManagementException {
		this.delegate.init(kms, this.observer.observe(tms), sr);
	}

	@Override
	public void destroy() {
		this.delegate.destroy();
	}

	@Override
	public SSLSessionContext getServerSessionContext() {
		return this.delegate.getServerSessionContext();
	}

	@Override
	public SSLEngine createSSLEngine() {
		SSLEngine engine = this.delegate.createSSLEngine();
		return this.openSsl ? this.observer.observeOpenSsl(engine) : this.observer.observe(engine);
	}

	@Override
	public SSLServerSocketFactory getServerSocketFactory() {
		return this.delegate.getServerSocketFactory();
	}

	@Override
	public SSLParameters getSupportedSSLParameters() {
		return this.delegate.getSupportedSSLParameters();
	}

	@Override
	public X509Certificate[] getCertificateChain(String alias) {
		return this.delegate.getCertificateChain(alias);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.delegate.getAcceptedIssuers();
	}

}
