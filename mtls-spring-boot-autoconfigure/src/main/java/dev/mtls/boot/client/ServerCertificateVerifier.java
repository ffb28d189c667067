package dev.mtls.boot.client;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An extra check of the server certificate chain that an outbound mTLS client accepted
 * (after PKIX validation, hostname and pins), e.g. its revocation status. Beans of this
 * type are applied to every client's handshakes.
 */
@FunctionalInterface
public interface ServerCertificateVerifier {

	/**
	 * Verify a server chain.
	 * @param client the client name ({@code default} for {@code mtls.client})
	 * @param chain the chain the server sent, leaf first, completed with the trusted CA
	 * that issued its last certificate when the server did not send it
	 * @throws CertificateException to fail the handshake
	 */
	void verify(String client, List<X509Certificate> chain) throws CertificateException;

}
