package dev.mtls.boot.revocation;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.mtls.boot.auth.CertificateRejectedException;
import dev.mtls.boot.client.ServerCertificateVerifier;

/**
 * Checks the revocation status of the server certificates presented to the outbound mTLS
 * clients, with the same {@code mtls.revocation.*} sources as client certificates, when
 * {@code mtls.revocation.check-outbound=true}.
 */
class OutboundRevocationVerifier implements ServerCertificateVerifier {

	private final PkixChainVerifier verifier;

	OutboundRevocationVerifier(PkixChainVerifier verifier) {
		this.verifier = verifier;
	}

	@Override
	public void verify(String client, List<X509Certificate> chain) throws CertificateException {
		try {
			this.verifier.verifyServerCertificate(chain);
		}
		catch (CertificateRejectedException ex) {
			throw new CertificateException("server certificate '" + chain.get(0).getSubjectX500Principal().getName()
					+ "' refused by mTLS client '" + client + "': " + ex.getMessage());
		}
	}

}
