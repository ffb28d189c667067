package dev.mtls.boot.proxy;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.mtls.boot.pki.CertificatePathValidation;

/**
 * Validates a forwarded chain again with the JDK's PKIX validator against the server's
 * trusted client CAs, as the TLS stack validates a certificate received in a handshake.
 * The chain must link leaf to issuer in the order sent. Revocation is checked afterwards
 * by certificate authentication, as for direct certificates.
 */
class ForwardedChainValidator {

	private final Set<TrustAnchor> anchors;

	ForwardedChainValidator(List<X509Certificate> trustedCertificates) {
		this.anchors = CertificatePathValidation.anchors(trustedCertificates);
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
		try {
			CertificatePathValidation.validate(chain, this.anchors, (parameters) -> {
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
		catch (InvalidAlgorithmParameterException ex) {
			throw new IllegalStateException("No trusted client CA to validate forwarded certificates", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new MalformedForwardedCertificateException("forwarded certificate cannot be validated");
		}
	}

}
