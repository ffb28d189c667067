package dev.mtls.boot.client;

import java.net.Socket;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

/**
 * The identity and the trust of one client as one value, replaced in one write
 * ({@link #update}), so that a handshake never pairs a new identity with old trust or the
 * reverse. Whichever of {@link ClientKeyManager} and {@link ClientTrustManager} a
 * handshake consults first (the key manager in TLS 1.3, the trust manager in TLS 1.2)
 * pins the generation in force on the handshake session; the other then uses the same
 * generation. Each generation offers its identity under its own alias, so a reload
 * between choosing the alias and reading the key cannot mix a chain and a key either.
 */
final class ClientHandshakeMaterial {

	private static final String SESSION_KEY = ClientHandshakeMaterial.class.getName() + ".generation";

	private long count;

	private volatile @Nullable Generation current;

	private volatile @Nullable Generation previous;

	/**
	 * Put a new identity and trust in force for every handshake from now on.
	 * @param identity the identity to present, or {@code null} for none
	 * @param trust the trust to validate servers with
	 */
	synchronized void update(ClientKeyManager.@Nullable Identity identity, ClientTrustManager.Trust trust) {
		this.previous = this.current;
		this.current = new Generation(++this.count, identity, trust);
	}

	/**
	 * Return the material in force now.
	 * @return the current generation, {@code null} before the first update
	 */
	@Nullable Generation current() {
		return this.current;
	}

	@Nullable Generation forHandshake(@Nullable Socket socket) {
		return forHandshake((socket instanceof SSLSocket ssl) ? ssl.getHandshakeSession() : null);
	}

	@Nullable Generation forHandshake(@Nullable SSLEngine engine) {
		return forHandshake((engine != null) ? engine.getHandshakeSession() : null);
	}

	/**
	 * Return the generation this handshake already uses, or pin the current one to it.
	 */
	private @Nullable Generation forHandshake(@Nullable SSLSession handshake) {
		Generation now = this.current;
		if (handshake == null) {
			return now;
		}
		if (handshake.getValue(SESSION_KEY) instanceof Long pinned) {
			Generation before = this.previous;
			if (now != null && now.number() == pinned) {
				return now;
			}
			if (before != null && before.number() == pinned) {
				return before;
			}
		}
		if (now != null) {
			handshake.putValue(SESSION_KEY, now.number());
		}
		return now;
	}

	/**
	 * Return the generation that offered an alias.
	 * @param alias the alias
	 * @return the generation, or {@code null} when neither the current nor the previous
	 * one offered it
	 */
	@Nullable Generation byAlias(@Nullable String alias) {
		Generation now = this.current;
		if (now != null && alias != null && alias.equals(now.alias())) {
			return now;
		}
		Generation before = this.previous;
		return (before != null && alias != null && alias.equals(before.alias())) ? before : null;
	}

	/**
	 * Identity and trust in force together.
	 *
	 * @param number increases with every update
	 * @param identity the identity, or {@code null} for none
	 * @param trust the trust
	 */
	record Generation(long number, ClientKeyManager.@Nullable Identity identity, ClientTrustManager.Trust trust) {

		/**
		 * Return the alias this generation's identity is offered under.
		 * @return the alias, or {@code null} without identity
		 */
		@Nullable String alias() {
			return (this.identity != null) ? this.identity.alias() + "#" + this.number : null;
		}

	}

}
