package dev.mtls.boot.server.handshake;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server's trust manager, unchanged, telling the observer which client chain it
 * refused and why. The verdict stays the delegate's.
 */
final class ObservingTrustManager extends X509ExtendedTrustManager {

	private final X509ExtendedTrustManager delegate;

	private final HandshakeObserver observer;

	ObservingTrustManager(X509ExtendedTrustManager delegate, HandshakeObserver observer) {
		this.delegate = delegate;
		this.observer = observer;
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		observe(chain, () -> this.delegate.checkClientTrusted(chain, authType));
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		observe(chain, () -> this.delegate.checkClientTrusted(chain, authType, socket));
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		observe(chain, () -> this.delegate.checkClientTrusted(chain, authType, engine));
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType, socket);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType, engine);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.delegate.getAcceptedIssuers();
	}

	/**
	 * Run the delegate's check and record a refused chain before passing the refusal on.
	 */
	private void observe(X509Certificate[] chain, Check check) throws CertificateException {
		try {
			check.run();
		}
		catch (CertificateException ex) {
			this.observer.chainRefused(chain, ex);
			throw ex;
		}
	}

	@FunctionalInterface
	private interface Check {

		void run() throws CertificateException;

	}

}
