package dev.mtls.boot.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * SHA-256 fingerprint of a certificate's DER encoding, the form used across this starter:
 * lower-case hex without separators.
 */
public final class CertificateFingerprint {

	private CertificateFingerprint() {
	}

	/**
	 * Return the SHA-256 fingerprint of a certificate.
	 * @param certificate the certificate
	 * @return 64 lower-case hex digits
	 */
	public static String sha256(X509Certificate certificate) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(certificate.getEncoded()));
		}
		catch (NoSuchAlgorithmException | CertificateEncodingException ex) {
			throw new IllegalStateException("Unable to fingerprint certificate", ex);
		}
	}

	/**
	 * Normalise a configured fingerprint: any case, with or without colons.
	 * @param fingerprint the fingerprint as configured
	 * @return lower-case hex without separators
	 */
	public static String normalize(String fingerprint) {
		return fingerprint.replace(":", "").trim().toLowerCase(java.util.Locale.ROOT);
	}

}
