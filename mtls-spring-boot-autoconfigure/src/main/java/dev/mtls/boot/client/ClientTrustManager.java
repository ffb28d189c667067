package dev.mtls.boot.client;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.mtls.boot.client.MtlsClientException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Validates server certificates with the JDK's PKIX trust manager and adds the client's
 * own rules on top: the hostname check can be left out (the chain is still fully
 * validated), SHA-256 public key pins and the server's identity (SPIFFE ID, DNS names)
 * can be required. Failures say which rule failed. The PKIX trust manager is read from
 * {@link ClientHandshakeMaterial}, together with the identity of the same handshake. With
 * hostname verification on, the host name is always checked: a connection that did not
 * ask for it is made to, and a call without a known host is refused.
 */
final class ClientTrustManager extends X509ExtendedTrustManager {

	private final String clientName;

	private final boolean verifyHostname;

	private final ServerPins pins;

	private final ExpectedServerIdentity expectedIdentity;

	private final Supplier<List<ServerCertificateVerifier>> verifiers;

	private final ClientHandshakeMaterial material;

	ClientTrustManager(String clientName, boolean verifyHostname, ServerPins pins,
			ExpectedServerIdentity expectedIdentity, Supplier<List<ServerCertificateVerifier>> verifiers,
			ClientHandshakeMaterial material) {
		this.clientName = clientName;
		this.verifyHostname = verifyHostname;
		this.pins = pins;
		this.expectedIdentity = expectedIdentity;
		this.verifiers = verifiers;
		this.material = material;
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		Trust current = trust(this.material.forHandshake(socket));
		if (this.verifyHostname && socket instanceof SSLSocket sslSocket) {
			requireEndpointIdentification(sslSocket);
		}
		check(current, chain, authType, peerHost(socket),
				() -> current.pkix().checkServerTrusted(chain, authType, socket));
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		Trust current = trust(this.material.forHandshake(engine));
		if (this.verifyHostname && engine != null) {
			requireEndpointIdentification(engine);
		}
		check(current, chain, authType, (engine != null) ? engine.getPeerHost() : null,
				() -> current.pkix().checkServerTrusted(chain, authType, engine));
	}

	/**
	 * Without a socket or engine the host is unknown, so with hostname verification on
	 * the certificate cannot be checked against it: refused rather than half-checked.
	 */
	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		Trust current = trust(this.material.current());
		check(current, chain, authType, null, () -> current.pkix().checkServerTrusted(chain, authType));
	}

	/**
	 * Trust is put in force when the client's bundle is created, before any handshake;
	 * without it nothing can be trusted.
	 */
	private Trust trust(ClientHandshakeMaterial.@Nullable Generation generation) throws CertificateException {
		if (generation == null) {
			throw new CertificateException("mTLS client '" + this.clientName + "' has no trust material in force");
		}
		return generation.trust();
	}

	/**
	 * The JDK checks the host name (RFC 2818, RFC 6125) only when the connection asks for
	 * it. HTTP clients that check it themselves after the handshake, or not at all, may
	 * not: with {@code verify-hostname=true} the connection always asks.
	 */
	private static void requireEndpointIdentification(SSLSocket socket) {
		SSLParameters parameters = socket.getSSLParameters();
		if (parameters.getEndpointIdentificationAlgorithm() == null) {
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
		}
	}

	private static void requireEndpointIdentification(SSLEngine engine) {
		SSLParameters parameters = engine.getSSLParameters();
		if (parameters.getEndpointIdentificationAlgorithm() == null) {
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			engine.setSSLParameters(parameters);
		}
	}

	private void check(Trust current, X509Certificate[] chain, String authType, @Nullable String host,
			Check withHostname) throws CertificateException {
		if (this.verifyHostname && host == null) {
			checkChain(current, chain, authType, null);
			throw new ServerCertificateException(this.clientName, Reason.HOSTNAME_MISMATCH,
					"server certificate '" + subject(chain) + "' cannot be matched to the host called: the host "
							+ "is unknown to the TLS connection, and hostname verification is on",
					null);
		}
		if (this.verifyHostname) {
			try {
				// With endpoint identification on (RFC 2818 / RFC 6125 checks), the
				// JDK checks chain and hostname in one go.
				withHostname.run();
			}
			catch (CertificateException ex) {
				checkChain(current, chain, authType, host);
				throw new ServerCertificateException(this.clientName, Reason.HOSTNAME_MISMATCH,
						"server certificate '" + subject(chain) + "' (names: " + subjectAltNames(chain[0])
								+ ") does not match host '" + host + "' (" + ex.getMessage() + ")",
						ex);
			}
		}
		else {
			checkChain(current, chain, authType, host);
		}
		checkPins(current, chain, host);
		checkIdentity(chain, host);
		List<ServerCertificateVerifier> verifiers = this.verifiers.get();
		if (!verifiers.isEmpty()) {
			List<X509Certificate> completed = new ArrayList<>(List.of(chain));
			X509Certificate anchor = anchorOf(current, chain[chain.length - 1]);
			if (anchor != null && !completed.contains(anchor)) {
				completed.add(anchor);
			}
			for (ServerCertificateVerifier verifier : verifiers) {
				verifier.verify(this.clientName, List.copyOf(completed));
			}
		}
	}

	private void checkChain(Trust current, X509Certificate[] chain, String authType, @Nullable String host)
			throws CertificateException {
		try {
			current.pkix().checkServerTrusted(chain, authType);
		}
		catch (CertificateException ex) {
			throw new ServerCertificateException(this.clientName, Reason.SERVER_UNTRUSTED,
					"server certificate '" + subject(chain) + "' issued by '"
							+ chain[chain.length - 1].getIssuerX500Principal().getName() + "'"
							+ ((host != null) ? " presented by " + host : "") + " is not trusted by " + current.source()
							+ " (" + ex.getMessage() + ")",
					ex);
		}
	}

	private void checkPins(Trust current, X509Certificate[] chain, @Nullable String host) throws CertificateException {
		if (this.pins.isEmpty()) {
			return;
		}
		List<String> actual = new ArrayList<>();
		for (X509Certificate certificate : chain) {
			actual.add(ServerPins.of(certificate));
		}
		X509Certificate anchor = anchorOf(current, chain[chain.length - 1]);
		if (anchor != null && !actual.contains(ServerPins.of(anchor))) {
			actual.add(ServerPins.of(anchor));
		}
		if (!this.pins.matchesAny(actual)) {
			throw new ServerCertificateException(this.clientName, Reason.PIN_MISMATCH,
					"no certificate of the chain of '" + subject(chain) + "'"
							+ ((host != null) ? " presented by " + host : "")
							+ " matches the configured pins: expected one of " + this.pins.values() + ", actual "
							+ actual,
					null);
		}
	}

	private void checkIdentity(X509Certificate[] chain, @Nullable String host) throws CertificateException {
		if (this.expectedIdentity.isEmpty()) {
			return;
		}
		String mismatch = this.expectedIdentity.mismatch(chain[0]);
		if (mismatch != null) {
			throw new ServerCertificateException(this.clientName, Reason.SERVER_IDENTITY_MISMATCH,
					"server certificate '" + subject(chain) + "'" + ((host != null) ? " presented by " + host : "")
							+ " does not carry the identity required by mtls.clients." + this.clientName
							+ ".expected-server: " + mismatch,
					null);
		}
	}

	private static @Nullable X509Certificate anchorOf(Trust trust, X509Certificate last) {
		if (last.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
			return null;
		}
		return Arrays.stream(trust.pkix().getAcceptedIssuers())
			.filter((ca) -> ca.getSubjectX500Principal().equals(last.getIssuerX500Principal()))
			.findFirst()
			.orElse(null);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		trust(this.material.current()).pkix().checkClientTrusted(chain, authType, socket);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		trust(this.material.current()).pkix().checkClientTrusted(chain, authType, engine);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		trust(this.material.current()).pkix().checkClientTrusted(chain, authType);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		ClientHandshakeMaterial.Generation current = this.material.current();
		return (current != null) ? current.trust().pkix().getAcceptedIssuers() : new X509Certificate[0];
	}

	private static @Nullable String peerHost(@Nullable Socket socket) {
		if (socket instanceof SSLSocket sslSocket) {
			SSLSession session = sslSocket.getHandshakeSession();
			if (session != null) {
				return session.getPeerHost();
			}
		}
		return null;
	}

	private static String subject(X509Certificate[] chain) {
		return chain[0].getSubjectX500Principal().getName();
	}

	private static List<String> subjectAltNames(X509Certificate certificate) {
		try {
			Collection<List<?>> names = certificate.getSubjectAlternativeNames();
			if (names == null) {
				return List.of();
			}
			return names.stream().map((name) -> String.valueOf(name.get(1))).toList();
		}
		catch (CertificateParsingException ex) {
			return List.of();
		}
	}

	@FunctionalInterface
	private interface Check {

		void run() throws CertificateException;

	}

	/**
	 * The PKIX trust manager in use and a description of where its CAs come from.
	 *
	 * @param pkix the JDK trust manager
	 * @param source for messages, e.g. {@code mtls.clients.partner.truststore}
	 */
	record Trust(X509ExtendedTrustManager pkix, String source) {

	}

	/**
	 * Whether server certificates are also checked by {@link ServerCertificateVerifier}s
	 * (e.g. outbound revocation), which only a new handshake runs.
	 */
	boolean verifiesServerCertificates() {
		return !this.verifiers.get().isEmpty();
	}

}
