package dev.mtls.boot.actuate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.mtls.boot.server.handshake.HandshakeRefusal;
import dev.mtls.boot.server.handshake.HandshakeRefusalListener;

/**
 * The latest TLS handshakes refused by the server, newest first, for the {@code mtls}
 * endpoint.
 */
public class RecentHandshakeRefusals implements HandshakeRefusalListener {

	static final int CAPACITY = 20;

	private final Deque<HandshakeRefusal> refusals = new ArrayDeque<>(CAPACITY);

	@Override
	public synchronized void handshakeRefused(HandshakeRefusal refusal) {
		if (this.refusals.size() == CAPACITY) {
			this.refusals.removeLast();
		}
		this.refusals.addFirst(refusal);
	}

	/**
	 * Return the latest refusals, newest first.
	 * @return the refusals
	 */
	public synchronized List<HandshakeRefusal> latest() {
		return new ArrayList<>(this.refusals);
	}

}
