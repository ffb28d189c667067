package dev.mtls.boot.actuate;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.mtls.boot.pki.CertificateFingerprint;

/**
 * What operators need to know of one certificate: names, serial, validity and SHA-256
 * fingerprint. Never anything of a private key.
 *
 * @param subject subject DN (RFC 2253)
 * @param issuer issuer DN (RFC 2253)
 * @param serialNumber serial number, lower-case hex
 * @param subjectAlternativeNames SANs as {@code DNS:}, {@code IP:}, {@code URI:},
 * {@code EMAIL:} values
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param daysLeft whole days until {@code notAfter} (negative when expired)
 * @param status {@code VALID}, {@code WILL_EXPIRE_SOON}, {@code EXPIRED} or
 * {@code NOT_YET_VALID}
 * @param sha256Fingerprint SHA-256 of the DER encoding, lower-case hex
 */
public record CertificateFacts(String subject, String issuer, String serialNumber, List<String> subjectAlternativeNames,
		Instant notBefore, Instant notAfter, long daysLeft, Status status, String sha256Fingerprint) {

	/**
	 * Validity of a certificate, with the rules of Boot's {@code SslInfo} plus the
	 * warning threshold of Boot's SSL health indicator.
	 */
	public enum Status {

		VALID(true), WILL_EXPIRE_SOON(true), EXPIRED(false), NOT_YET_VALID(false);

		private final boolean valid;

		Status(boolean valid) {
			this.valid = valid;
		}

		public boolean isValid() {
			return this.valid;
		}

	}

	static CertificateFacts of(X509Certificate certificate, Instant now, Duration warningThreshold) {
		Instant notBefore = certificate.getNotBefore().toInstant();
		Instant notAfter = certificate.getNotAfter().toInstant();
		Status status;
		if (now.isBefore(notBefore)) {
			status = Status.NOT_YET_VALID;
		}
		else if (now.isAfter(notAfter)) {
			status = Status.EXPIRED;
		}
		else if (notAfter.isBefore(now.plus(warningThreshold))) {
			status = Status.WILL_EXPIRE_SOON;
		}
		else {
			status = Status.VALID;
		}
		return new CertificateFacts(certificate.getSubjectX500Principal().getName(),
				certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16),
				subjectAlternativeNames(certificate), notBefore, notAfter, Duration.between(now, notAfter).toDays(),
				status, CertificateFingerprint.sha256(certificate));
	}

	private static List<String> subjectAlternativeNames(X509Certificate certificate) {
		try {
			Collection<List<?>> names = certificate.getSubjectAlternativeNames();
			if (names == null) {
				return List.of();
			}
			List<String> result = new ArrayList<>();
			for (List<?> name : names) {
				String type = switch ((Integer) name.get(0)) {
					case 1 -> "EMAIL";
					case 2 -> "DNS";
					case 6 -> "URI";
					case 7 -> "IP";
					default -> null;
				};
				if (type != null && name.get(1) instanceof String value) {
					result.add(type + ":" + value);
				}
			}
			return List.copyOf(result);
		}
		catch (CertificateParsingException ex) {
			return List.of();
		}
	}

}
