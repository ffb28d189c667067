package dev.mtls.boot.pki;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Validates a chain, as sent (leaf first), with the JDK's PKIX {@link CertPathValidator}:
 * the certificates up to the first trust anchor form the path, the caller tunes the
 * parameters (revocation, cert stores, date).
 */
public final class CertificatePathValidation {

	private CertificatePathValidation() {
	}

	/**
	 * Customizes the PKIX parameters before validation.
	 */
	@FunctionalInterface
	public interface ParametersCustomizer {

		/**
		 * Customize the parameters.
		 * @param parameters the parameters, revocation disabled
		 * @throws GeneralSecurityException when a revocation source cannot be set up
		 */
		void customize(PKIXParameters parameters) throws GeneralSecurityException;

	}

	/**
	 * Validate a chain.
	 * @param chain the chain, leaf first
	 * @param anchors the trust anchors
	 * @param customizer tunes the parameters
	 * @throws GeneralSecurityException when the chain is not valid
	 * ({@link java.security.cert.CertPathValidatorException} for validation failures)
	 * @throws IllegalArgumentException when the chain is empty or only trust anchors
	 */
	public static void validate(List<X509Certificate> chain, Set<TrustAnchor> anchors, ParametersCustomizer customizer)
			throws GeneralSecurityException {
		List<X509Certificate> path = new ArrayList<>();
		for (X509Certificate certificate : chain) {
			if (anchors.stream().anyMatch((anchor) -> certificate.equals(anchor.getTrustedCert()))) {
				break;
			}
			path.add(certificate);
		}
		if (path.isEmpty()) {
			throw new IllegalArgumentException("The chain holds no certificate below a trust anchor");
		}
		CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
		PKIXParameters parameters = new PKIXParameters(anchors);
		parameters.setRevocationEnabled(false);
		customizer.customize(parameters);
		CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
	}

	/**
	 * Tell whether {@code issuer} issued {@code certificate}: names chain and the
	 * signature verifies with the issuer's key. Never throws.
	 * @param certificate the certificate
	 * @param issuer the candidate issuer (the certificate itself to test self-signature)
	 * @return whether the issuer signed the certificate
	 */
	public static boolean issuedBy(X509Certificate certificate, X509Certificate issuer) {
		if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
			return false;
		}
		try {
			certificate.verify(issuer.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Return trust anchors for certificates.
	 * @param certificates trusted certificates
	 * @return the anchors
	 */
	public static Set<TrustAnchor> anchors(List<X509Certificate> certificates) {
		Set<TrustAnchor> anchors = new java.util.HashSet<>();
		for (X509Certificate certificate : certificates) {
			anchors.add(new TrustAnchor(certificate, null));
		}
		return Set.copyOf(anchors);
	}

}
