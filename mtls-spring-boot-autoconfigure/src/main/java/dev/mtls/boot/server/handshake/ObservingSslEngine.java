package dev.mtls.boot.server.handshake;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * A server-side engine, unchanged, telling the observer when its handshake fails. Once
 * the first handshake has finished it only delegates.
 */
final class ObservingSslEngine extends SSLEngine {

	private final SSLEngine delegate;

	private final HandshakeObserver observer;

	private volatile boolean settled;

	ObservingSslEngine(SSLEngine delegate, HandshakeObserver observer) {
		super(delegate.getPeerHost(), delegate.getPeerPort());
		this.delegate = delegate;
		this.observer = observer;
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
		if (!this.settled && result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
			this.settled = true;
		}
		return result;
	}

	private SSLException failed(SSLException failure) {
		if (!this.settled) {
			this.settled = true;
			this.observer.handshakeFailed(failure);
		}
		return failure;
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
		return this.delegate.getHandshakeStatus();
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
