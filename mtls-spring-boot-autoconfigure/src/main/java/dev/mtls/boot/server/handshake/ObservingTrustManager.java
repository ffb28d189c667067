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
		try {
			this.delegate.checkClientTrusted(chain, authType);
		}
		catch (CertificateException ex) {
			this.observer.chainRefused(chain, ex);
			throw ex;
		}
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		try {
			this.delegate.checkClientTrusted(chain, authType, socket);
		}
		catch (CertificateException ex) {
			this.observer.chainRefused(chain, ex);
			throw ex;
		}
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		try {
			this.delegate.checkClientTrusted(chain, authType, engine);
		}
		catch (CertificateException ex) {
			this.observer.chainRefused(chain, ex);
			throw ex;
		}
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

}
