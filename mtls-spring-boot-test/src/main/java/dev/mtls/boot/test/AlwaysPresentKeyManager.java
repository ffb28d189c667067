package dev.mtls.boot.test;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import org.jspecify.annotations.Nullable;

/**
 * Chooses the one client entry whatever CAs and key types the server asks for (RFC 8446
 * section 4.3.2 lets a client send a certificate the request does not name), so that the
 * server, not the JDK client, decides about an untrusted certificate.
 */
final class AlwaysPresentKeyManager extends X509ExtendedKeyManager {

	private final X509ExtendedKeyManager delegate;

	private final String alias;

	AlwaysPresentKeyManager(X509ExtendedKeyManager delegate, String alias) {
		this.delegate = delegate;
		this.alias = alias;
	}

	@Override
	public String[] getClientAliases(String keyType, Principal[] issuers) {
		return new String[] { this.alias };
	}

	@Override
	public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
		return this.alias;
	}

	@Override
	public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
		return this.alias;
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
	public X509Certificate[] getCertificateChain(String alias) {
		return this.delegate.getCertificateChain(alias);
	}

	@Override
	public PrivateKey getPrivateKey(String alias) {
		return this.delegate.getPrivateKey(alias);
	}

}
