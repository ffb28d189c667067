package dev.mtls.boot.server.handshake;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Collects what the TLS stack knows about a refused handshake and reports it once: the
 * trust manager knows the refused chain, the engine knows the final exception, the server
 * (Tomcat's access log for failed handshakes) knows the peer address. All three run on
 * the connection's I/O thread, one after the other, so each piece waits in a thread-local
 * of this observer (not a JVM-wide one) until the next arrives. Tomcat's OpenSSL engine
 * reports a failed handshake as finished and Tomcat then logs no failed connection: there
 * the engine reports the refusal at once, without the address.
 * <p>
 * Every refusal is logged as one WARN line (rate-limited) and passed to the
 * {@link HandshakeRefusalListener listeners}.
 */
public class HandshakeObserver {

	private static final Log logger = LogFactory.getLog(HandshakeObserver.class);

	private final Supplier<List<HandshakeRefusalListener>> listeners;

	private final Clock clock;

	private final RateLimitedWarning warning;

	private final ThreadLocal<RefusedChain> refusedChain = new ThreadLocal<>();

	private final ThreadLocal<HandshakeRefusal> pending = new ThreadLocal<>();

	public HandshakeObserver(Supplier<List<HandshakeRefusalListener>> listeners) {
		this(listeners, Clock.systemUTC());
	}

	HandshakeObserver(Supplier<List<HandshakeRefusalListener>> listeners, Clock clock) {
		this.listeners = listeners;
		this.clock = clock;
		this.warning = new RateLimitedWarning(clock);
	}

	/**
	 * Wrap the server's trust managers so that a refused client chain is recorded.
	 * @param trustManagers the trust managers, may be {@code null}
	 * @return the observing trust managers
	 */
	public TrustManager @Nullable [] observe(TrustManager @Nullable [] trustManagers) {
		if (trustManagers == null) {
			return null;
		}
		TrustManager[] observed = trustManagers.clone();
		for (int i = 0; i < observed.length; i++) {
			if (observed[i] instanceof X509ExtendedTrustManager trustManager) {
				observed[i] = new ObservingTrustManager(trustManager, this);
			}
		}
		return observed;
	}

	/**
	 * Wrap a server-side engine so that a failed handshake is recorded.
	 * @param engine the engine
	 * @return the observing engine
	 */
	public SSLEngine observe(SSLEngine engine) {
		return ObservingSslEngine.of(engine, this, false);
	}

	void chainRefused(X509Certificate @Nullable [] chain, CertificateException failure) {
		this.refusedChain.set(new RefusedChain((chain != null && chain.length > 0) ? chain[0] : null, failure));
	}

	void handshakeFailed(SSLException failure) {
		RefusedChain chain = this.refusedChain.get();
		this.refusedChain.remove();
		HandshakeRefusalReason reason = HandshakeRefusalReason.of((chain != null) ? chain.failure() : failure);
		String detail = (chain != null) ? chain.failure().getMessage() : failure.getMessage();
		HandshakeRefusal previous = this.pending.get();
		if (previous != null) {
			// The server never reported the previous connection: report it without
			// address
			report(previous);
		}
		this.pending.set(HandshakeRefusal.of(this.clock.instant(), reason, null,
				(chain != null) ? chain.certificate() : null, detail));
	}

	/**
	 * Wrap a server-side engine of Tomcat's OpenSSL implementation so that a failed
	 * handshake is recorded.
	 * @param engine the engine
	 * @return the observing engine
	 */
	SSLEngine observeOpenSsl(SSLEngine engine) {
		return ObservingSslEngine.of(engine, this, true);
	}

	/**
	 * Report a handshake that Tomcat's OpenSSL engine failed, at once and without the
	 * client's address: the engine sends the alert and reports the handshake finished, so
	 * Tomcat never logs the connection as failed (and knows no address in the engine). A
	 * chain the trust manager refused on this thread decides the reason.
	 * @param reason the reason when no chain was refused
	 * @param detail the detail when no chain was refused
	 */
	void openSslHandshakeFailed(HandshakeRefusalReason reason, @Nullable String detail) {
		RefusedChain chain = this.refusedChain.get();
		this.refusedChain.remove();
		if (chain != null) {
			report(HandshakeRefusal.of(this.clock.instant(), HandshakeRefusalReason.of(chain.failure()), null,
					chain.certificate(), chain.failure().getMessage()));
		}
		else {
			report(HandshakeRefusal.of(this.clock.instant(), reason, null, null, detail));
		}
	}

	/**
	 * Return whether the trust manager refused a client chain on this thread since the
	 * last report.
	 */
	boolean hasRefusedChain() {
		return this.refusedChain.get() != null;
	}

	/**
	 * Report the refusal recorded on this thread, if any, now that the server knows the
	 * connection failed.
	 * @param peerAddress the client's address
	 */
	public void connectionFailed(String peerAddress) {
		HandshakeRefusal refusal = this.pending.get();
		if (refusal != null) {
			this.pending.remove();
			report(refusal.withPeerAddress(peerAddress));
		}
	}

	private void report(HandshakeRefusal refusal) {
		this.warning.log(refusal);
		for (HandshakeRefusalListener listener : this.listeners.get()) {
			try {
				listener.handshakeRefused(refusal);
			}
			catch (RuntimeException ex) {
				logger.warn("HandshakeRefusalListener " + listener.getClass().getName() + " failed", ex);
			}
		}
	}

	private record RefusedChain(@Nullable X509Certificate certificate, CertificateException failure) {

	}

}
