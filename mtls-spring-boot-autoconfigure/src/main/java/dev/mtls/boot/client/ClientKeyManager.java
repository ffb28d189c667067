package dev.mtls.boot.client;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

import org.jspecify.annotations.Nullable;

/**
 * Presents the configured identity whatever CAs the server says it accepts.
 * <p>
 * The JDK's default key manager only offers a certificate whose issuer is in the server's
 * list of acceptable CAs (RFC 8446 section 4.2.4, RFC 5246 section 7.4.4) and otherwise
 * silently sends none, which the server then reports as a missing certificate. Presenting
 * the configured certificate lets the server decide, and the acceptable CAs are recorded
 * so that a refusal can name them. The identity is read from
 * {@link ClientHandshakeMaterial}, together with the trust of the same handshake.
 */
final class ClientKeyManager extends X509ExtendedKeyManager {

	private final CertificateRequests requests;

	private final ClientHandshakeMaterial material;

	ClientKeyManager(CertificateRequests requests, ClientHandshakeMaterial material) {
		this.requests = requests;
		this.material = material;
	}

	/**
	 * Return the identity in force now.
	 * @return the identity, or {@code null} for none
	 */
	@Nullable Identity identity() {
		ClientHandshakeMaterial.Generation current = this.material.current();
		return (current != null) ? current.identity() : null;
	}

	@Override
	public String @Nullable [] getClientAliases(String keyType, Principal[] issuers) {
		ClientHandshakeMaterial.Generation current = this.material.current();
		String alias = (current != null) ? current.alias() : null;
		return (alias != null) ? new String[] { alias } : null;
	}

	@Override
	public @Nullable String chooseClientAlias(String[] keyType, Principal[] issuers, @Nullable Socket socket) {
		ClientHandshakeMaterial.Generation generation = this.material.forHandshake(socket);
		String alias = (generation != null) ? generation.alias() : null;
		if (socket instanceof SSLSocket sslSocket && sslSocket.getHandshakeSession() != null) {
			SSLSession session = sslSocket.getHandshakeSession();
			this.requests.record(session.getPeerHost(), session.getPeerPort(), issuers, alias != null);
		}
		else if (socket != null && socket.getInetAddress() != null) {
			this.requests.record(socket.getInetAddress().getHostName(), socket.getPort(), issuers, alias != null);
		}
		return alias;
	}

	@Override
	public @Nullable String chooseEngineClientAlias(String[] keyType, Principal[] issuers, @Nullable SSLEngine engine) {
		ClientHandshakeMaterial.Generation generation = this.material.forHandshake(engine);
		String alias = (generation != null) ? generation.alias() : null;
		if (engine != null) {
			this.requests.record(engine.getPeerHost(), engine.getPeerPort(), issuers, alias != null);
		}
		return alias;
	}

	@Override
	public String @Nullable [] getServerAliases(String keyType, Principal[] issuers) {
		return null;
	}

	@Override
	public @Nullable String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
		return null;
	}

	@Override
	public @Nullable String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
		return null;
	}

	@Override
	public X509Certificate @Nullable [] getCertificateChain(String alias) {
		Identity identity = identityOffering(alias);
		return (identity != null) ? identity.chain().clone() : null;
	}

	@Override
	public @Nullable PrivateKey getPrivateKey(String alias) {
		Identity identity = identityOffering(alias);
		return (identity != null) ? identity.privateKey() : null;
	}

	private @Nullable Identity identityOffering(String alias) {
		ClientHandshakeMaterial.Generation generation = this.material.byAlias(alias);
		return (generation != null) ? generation.identity() : null;
	}

	/**
	 * The key and certificate chain to present.
	 *
	 * @param alias the alias under which the identity is offered
	 * @param privateKey the private key
	 * @param chain the certificate chain, leaf first
	 */
	record Identity(String alias, PrivateKey privateKey, X509Certificate[] chain) {

		X509Certificate certificate() {
			return this.chain[0];
		}

	}

}
