package dev.mtls.boot.server.handshake;

import javax.net.ssl.TrustManager;

import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.jsse.JSSEUtil;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's own JSSE set-up (key managers, PKIX trust managers with its revocation and
 * depth settings, session cache), with observing trust managers.
 */
final class ObservingJsseContextBuilder extends JSSEUtil {

	private final HandshakeObserver observer;

	ObservingJsseContextBuilder(SSLHostConfigCertificate certificate, HandshakeObserver observer) {
		super(certificate, false);
		this.observer = observer;
	}

	@Override
	public TrustManager @Nullable [] getTrustManagers() throws Exception {
		return this.observer.observe(super.getTrustManagers());
	}

}
