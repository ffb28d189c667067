package dev.mtls.boot.server.handshake;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

import javax.net.ssl.SSLSessionContext;

import org.apache.tomcat.util.net.SSLContext;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.SSLImplementation;
import org.apache.tomcat.util.net.SSLUtil;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's OpenSSL context through FFM, set up as Tomcat's {@code OpenSSLUtil} does it
 * (key material, the PKIX trust managers Tomcat builds from the trust store with its
 * revocation and depth settings, session cache, ALPN), with observing trust managers.
 * Given Java trust managers, OpenSSL skips its own chain verification and hands each
 * client chain to the trust manager through a verify callback: the verdict is the same
 * trust manager's as with JSSE, and a refusal is recorded the same way.
 * <p>
 * Tomcat's FFM classes are compiled for Java 22 and optional, so they are reached through
 * Tomcat's {@link SSLImplementation} by name, and the one method that builds an
 * uninitialised context ({@code OpenSSLUtil.createSSLContextInternal}, public) by
 * reflection: {@link SSLUtil#createSSLContext} would initialise it with Tomcat's own
 * trust managers.
 */
final class ObservingOpenSslContextBuilder {

	/**
	 * Tomcat's OpenSSL implementation through FFM.
	 */
	static final String IMPLEMENTATION = "org.apache.tomcat.util.net.openssl.panama.OpenSSLImplementation";

	private final SSLHostConfigCertificate certificate;

	private final HandshakeObserver observer;

	ObservingOpenSslContextBuilder(SSLHostConfigCertificate certificate, HandshakeObserver observer) {
		this.certificate = certificate;
		this.observer = observer;
	}

	/**
	 * Build and initialise the context.
	 * @param negotiableProtocols the ALPN names the endpoint offers
	 * @param keyStore the key store it is built from
	 * @param trustStore the trust store it is built from
	 * @return the observing context
	 * @throws Exception when Tomcat cannot build it
	 */
	ObservingSslContext createSslContext(List<String> negotiableProtocols, @Nullable Object keyStore,
			@Nullable Object trustStore) throws Exception {
		SSLUtil util = SSLImplementation.getInstance(IMPLEMENTATION).getSSLUtil(this.certificate);
		// As Tomcat's endpoint does before it builds a context: OpenSSL's reads them
		SSLHostConfig config = this.certificate.getSSLHostConfig();
		config.setEnabledProtocols(util.getEnabledProtocols());
		config.setEnabledCiphers(util.getEnabledCiphers());
		ObservingSslContext context = new ObservingSslContext(createUninitialised(util, negotiableProtocols),
				this.observer, keyStore, trustStore, true);
		// The observing context wraps the trust managers before OpenSSL's takes them
		context.init(util.getKeyManagers(), util.getTrustManagers(), null);
		SSLSessionContext sessions = context.getServerSessionContext();
		if (sessions != null) {
			util.configureSessionContext(sessions);
		}
		return context;
	}

	private static SSLContext createUninitialised(SSLUtil util, List<String> negotiableProtocols) throws Exception {
		Method create = util.getClass().getMethod("createSSLContextInternal", List.class);
		try {
			return (SSLContext) create.invoke(util, negotiableProtocols);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			throw ex;
		}
	}

}
