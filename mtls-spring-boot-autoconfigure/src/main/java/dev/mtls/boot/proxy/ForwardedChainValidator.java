package dev.mtls.boot.proxy;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.mtls.boot.pki.CertificatePathValidation;
import dev.mtls.boot.pki.ClientTrustAnchors;

/**
 * Validates a forwarded chain again with the JDK's PKIX validator against the client CAs
 * in force now (a reload reaches it at once), as the TLS stack validates a certificate
 * received in a handshake. The chain must link leaf to issuer in the order sent.
 * Revocation is checked afterwards by certificate authentication, as for direct
 * certificates.
 */
class ForwardedChainValidator {

	private final ClientTrustAnchors trust;

	ForwardedChainValidator(ClientTrustAnchors trust) {
		this.trust = trust;
	}

	/**
	 * Validate a chain.
	 * @param chain the chain, leaf first
	 * @throws MalformedForwardedCertificateException with the reason when it is not valid
	 */
	void validate(List<X509Certificate> chain) {
		for (int i = 0; i + 1 < chain.size(); i++) {
			if (!CertificatePathValidation.issuedBy(chain.get(i), chain.get(i + 1))) {
				throw new MalformedForwardedCertificateException("forwarded chain does not belong to the certificate");
			}
		}
		Set<TrustAnchor> anchors = this.trust.get().anchors();
		if (anchors.isEmpty()) {
			throw new MalformedForwardedCertificateException(
					"no client CA is trusted (" + this.trust.getSource() + " holds no certificate)");
		}
		try {
			CertificatePathValidation.validate(chain, anchors, (parameters) -> {
			});
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedForwardedCertificateException("forwarded certificate is a trust anchor itself");
		}
		catch (CertPathValidatorException ex) {
			throw new MalformedForwardedCertificateException("forwarded certificate is not trusted ("
					+ ((ex.getReason() != null) ? ex.getReason().toString().toLowerCase(Locale.ROOT) : "invalid path")
					+ ")");
		}
		catch (GeneralSecurityException ex) {
			throw new MalformedForwardedCertificateException("forwarded certificate cannot be validated");
		}
	}

}
