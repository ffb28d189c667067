package dev.mtls.boot.server.handshake;

/**
 * Told about every TLS handshake the server refused. Declare beans of this type to count
 * or forward refusals; they are called in order on the server's I/O thread, so they must
 * be quick and must not block. Exceptions are logged and never reach the TLS stack.
 */
@FunctionalInterface
public interface HandshakeRefusalListener {

	/**
	 * Called once per refused handshake.
	 * @param refusal the refusal
	 */
	void handshakeRefused(HandshakeRefusal refusal);

}
