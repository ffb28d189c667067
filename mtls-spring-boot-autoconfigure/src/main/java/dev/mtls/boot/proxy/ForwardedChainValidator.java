package dev.mtls.boot.proxy;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a forwarded chain again with the JDK's PKIX {@link CertPathValidator} against
 * the server's trusted client CAs, as the TLS stack validates a certificate received in a
 * handshake. The chain must link leaf to issuer in the order sent.
 */
class ForwardedChainValidator {

	private final Set<TrustAnchor> anchors;

	ForwardedChainValidator(List<X509Certificate> trustedCertificates) {
		this.anchors = trustedCertificates.stream()
			.map((certificate) -> new TrustAnchor(certificate, null))
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Validate a chain.
	 * @param chain the chain, leaf first
	 * @throws MalformedForwardedCertificateException with the reason when it is not valid
	 */
	void validate(List<X509Certificate> chain) {
		for (int i = 0; i + 1 < chain.size(); i++) {
			if (!issuedBy(chain.get(i), chain.get(i + 1))) {
				throw new MalformedForwardedCertificateException("forwarded chain does not belong to the certificate");
			}
		}
		List<X509Certificate> path = new ArrayList<>();
		for (X509Certificate certificate : chain) {
			if (isAnchor(certificate)) {
				break;
			}
			path.add(certificate);
		}
		if (path.isEmpty()) {
			throw new MalformedForwardedCertificateException("forwarded certificate is a trust anchor itself");
		}
		try {
			CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
			PKIXParameters parameters = new PKIXParameters(this.anchors);
			parameters.setRevocationEnabled(false);
			CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
		}
		catch (CertPathValidatorException ex) {
			throw new MalformedForwardedCertificateException("forwarded certificate is not trusted ("
					+ ((ex.getReason() != null) ? ex.getReason().toString().toLowerCase(java.util.Locale.ROOT)
							: "invalid path")
					+ ")");
		}
		catch (InvalidAlgorithmParameterException ex) {
			throw new IllegalStateException("No trusted client CA to validate forwarded certificates", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new MalformedForwardedCertificateException("forwarded certificate cannot be validated");
		}
	}

	private boolean isAnchor(X509Certificate certificate) {
		return this.anchors.stream().anyMatch((anchor) -> anchor.getTrustedCert().equals(certificate));
	}

	private static boolean issuedBy(X509Certificate certificate, X509Certificate issuer) {
		if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
			return false;
		}
		try {
			certificate.verify(issuer.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
