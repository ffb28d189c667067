package dev.mtls.boot.server.handshake;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.apache.tomcat.util.net.SSLUtil;

/**
 * A server-side engine, unchanged, telling the observer when its handshake fails. Once
 * the first handshake has finished it only delegates.
 * <p>
 * JSSE's engine throws when a handshake fails. Tomcat's OpenSSL engine (FFM) does not: it
 * sends the alert and then reports the handshake finished. For it, the first
 * {@code FINISHED} is checked: a client chain refused by the trust manager during the
 * handshake, no cipher suite negotiated (no common protocol version or cipher suite, or
 * not TLS), or no client certificate where one is needed means the handshake failed.
 */
final class ObservingSslEngine extends SSLEngine implements SSLUtil.ProtocolInfo {

	private final SSLEngine delegate;

	private final HandshakeObserver observer;

	private final boolean openSsl;

	private volatile boolean settled;

	/**
	 * Factory typed {@link SSLEngine} so that {@link HandshakeObserver} links without
	 * Tomcat (this class implements Tomcat's {@code ProtocolInfo}): on Reactor Netty the
	 * observer is used without engines.
	 */
	static SSLEngine of(SSLEngine delegate, HandshakeObserver observer, boolean openSsl) {
		return new ObservingSslEngine(delegate, observer, openSsl);
	}

	ObservingSslEngine(SSLEngine delegate, HandshakeObserver observer, boolean openSsl) {
		super(delegate.getPeerHost(), delegate.getPeerPort());
		this.delegate = delegate;
		this.observer = observer;
		this.openSsl = openSsl;
	}

	@Override
	public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
		try {
			return observe(this.delegate.wrap(srcs, offset, length, dst));
		}
		catch (SSLException ex) {
			throw failed(ex);
		}
	}

	@Override
	public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
		try {
			return observe(this.delegate.unwrap(src, dsts, offset, length));
		}
		catch (SSLException ex) {
			throw failed(ex);
		}
	}

	private SSLEngineResult observe(SSLEngineResult result) {
		observe(result.getHandshakeStatus());
		return result;
	}

	private HandshakeStatus observe(HandshakeStatus status) {
		if (!this.settled && status == HandshakeStatus.FINISHED) {
			this.settled = true;
			if (this.openSsl) {
				checkOpenSslHandshake();
			}
		}
		return status;
	}

	private void checkOpenSslHandshake() {
		if (this.observer.hasRefusedChain()) {
			this.observer.openSslHandshakeFailed(HandshakeRefusalReason.OTHER, null);
		}
		else if (!hasCipherSuite()) {
			this.observer.openSslHandshakeFailed(HandshakeRefusalReason.PROTOCOL,
					"OpenSSL agreed no protocol version or cipher suite with the client (or it does not speak TLS)");
		}
		else if (this.delegate.getNeedClientAuth() && !hasPeerCertificate()) {
			this.observer.openSslHandshakeFailed(HandshakeRefusalReason.NO_CERTIFICATE,
					"OpenSSL ended the handshake without a client certificate");
		}
	}

	private boolean hasCipherSuite() {
		String cipherSuite = this.delegate.getSession().getCipherSuite();
		return cipherSuite != null && !cipherSuite.equals("SSL_NULL_WITH_NULL_NULL");
	}

	private boolean hasPeerCertificate() {
		try {
			return this.delegate.getSession().getPeerCertificates().length > 0;
		}
		catch (SSLPeerUnverifiedException ex) {
			return false;
		}
	}

	private SSLException failed(SSLException failure) {
		if (!this.settled) {
			this.settled = true;
			if (this.openSsl) {
				this.observer.openSslHandshakeFailed(HandshakeRefusalReason.of(failure), failure.getMessage());
			}
			else {
				this.observer.handshakeFailed(failure);
			}
		}
		return failure;
	}

	@Override
	public String getNegotiatedProtocol() {
		// Tomcat asks an engine that is ProtocolInfo (as OpenSSL's) for the ALPN result
		return (this.delegate instanceof SSLUtil.ProtocolInfo info) ? info.getNegotiatedProtocol()
				: this.delegate.getApplicationProtocol();
	}

	@Override
	public Runnable getDelegatedTask() {
		return this.delegate.getDelegatedTask();
	}

	@Override
	public void closeInbound() throws SSLException {
		this.delegate.closeInbound();
	}

	@Override
	public boolean isInboundDone() {
		return this.delegate.isInboundDone();
	}

	@Override
	public void closeOutbound() {
		this.delegate.closeOutbound();
	}

	@Override
	public boolean isOutboundDone() {
		return this.delegate.isOutboundDone();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

	@Override
	public String[] getEnabledCipherSuites() {
		return this.delegate.getEnabledCipherSuites();
	}

	@Override
	public void setEnabledCipherSuites(String[] suites) {
		this.delegate.setEnabledCipherSuites(suites);
	}

	@Override
	public String[] getSupportedProtocols() {
		return this.delegate.getSupportedProtocols();
	}

	@Override
	public String[] getEnabledProtocols() {
		return this.delegate.getEnabledProtocols();
	}

	@Override
	public void setEnabledProtocols(String[] protocols) {
		this.delegate.setEnabledProtocols(protocols);
	}

	@Override
	public SSLSession getSession() {
		return this.delegate.getSession();
	}

	@Override
	public SSLSession getHandshakeSession() {
		return this.delegate.getHandshakeSession();
	}

	@Override
	public void beginHandshake() throws SSLException {
		this.delegate.beginHandshake();
	}

	@Override
	public HandshakeStatus getHandshakeStatus() {
		return observe(this.delegate.getHandshakeStatus());
	}

	@Override
	public void setUseClientMode(boolean mode) {
		this.delegate.setUseClientMode(mode);
	}

	@Override
	public boolean getUseClientMode() {
		return this.delegate.getUseClientMode();
	}

	@Override
	public void setNeedClientAuth(boolean need) {
		this.delegate.setNeedClientAuth(need);
	}

	@Override
	public boolean getNeedClientAuth() {
		return this.delegate.getNeedClientAuth();
	}

	@Override
	public void setWantClientAuth(boolean want) {
		this.delegate.setWantClientAuth(want);
	}

	@Override
	public boolean getWantClientAuth() {
		return this.delegate.getWantClientAuth();
	}

	@Override
	public void setEnableSessionCreation(boolean flag) {
		this.delegate.setEnableSessionCreation(flag);
	}

	@Override
	public boolean getEnableSessionCreation() {
		return this.delegate.getEnableSessionCreation();
	}

	@Override
	public SSLParameters getSSLParameters() {
		return this.delegate.getSSLParameters();
	}

	@Override
	public void setSSLParameters(SSLParameters params) {
		this.delegate.setSSLParameters(params);
	}

	@Override
	public String getApplicationProtocol() {
		return this.delegate.getApplicationProtocol();
	}

	@Override
	public String getHandshakeApplicationProtocol() {
		return this.delegate.getHandshakeApplicationProtocol();
	}

	@Override
	public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
		this.delegate.setHandshakeApplicationProtocolSelector(selector);
	}

	@Override
	public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
		return this.delegate.getHandshakeApplicationProtocolSelector();
	}

}
