package dev.mtls.boot.auth;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.mtls.boot.pki.ControlCharacters;
import dev.mtls.boot.pki.CertificateFingerprint;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.style.BCStyle;

import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;

/**
 * Spring Security {@link X509PrincipalExtractor} for {@code mtls.auth.principal}.
 * Matching is exact: no trimming, case folding or normalisation, and never a fallback to
 * another attribute; a missing or repeated value is refused.
 */
public class CertificatePrincipalExtractor implements X509PrincipalExtractor {

	private final String source;

	private final Function<X509Certificate, String> extractor;

	/**
	 * Create an extractor.
	 * @param source a {@code mtls.auth.principal} value
	 * @param allowMultiValuedRdn whether attributes in multi-valued RDNs count
	 * @throws IllegalArgumentException for an unknown source
	 */
	public CertificatePrincipalExtractor(String source, boolean allowMultiValuedRdn) {
		this.source = source;
		this.extractor = extractorFor(source.trim(), allowMultiValuedRdn);
	}

	@Override
	public Object extractPrincipal(X509Certificate certificate) {
		String principal = this.extractor.apply(certificate);
		if (principal == null || principal.isEmpty()) {
			throw new CertificateRejectedException("principal (" + this.source + ") is empty");
		}
		if (ControlCharacters.containsAny(principal)) {
			throw new CertificateRejectedException("principal (" + this.source + ") contains control characters");
		}
		return principal;
	}

	private static Function<X509Certificate, String> extractorFor(String source, boolean multiValued) {
		String lower = source.toLowerCase(Locale.ROOT);
		return switch (lower) {
			case "cn" -> attribute(BCStyle.CN, "CN", multiValued);
			case "dn" -> CertificatePrincipalExtractor::dn;
			case "san-dns" -> (certificate) -> single(SubjectAlternativeNames.of(certificate).dnsNames(), "DNS SAN");
			case "san-uri" -> (certificate) -> single(SubjectAlternativeNames.of(certificate).uris(), "URI SAN");
			case "san-email" -> (certificate) -> single(SubjectAlternativeNames.of(certificate).emails(), "email SAN");
			case "email" -> email(multiValued);
			case "spiffe-id" -> CertificatePrincipalExtractor::spiffeId;
			case "fingerprint" -> CertificateFingerprint::sha256;
			case "serial" -> (certificate) -> serial(certificate.getSerialNumber());
			default -> {
				if (lower.startsWith("attribute:")) {
					String name = source.substring("attribute:".length());
					ASN1ObjectIdentifier type;
					try {
						type = DistinguishedName.attributeType(name);
					}
					catch (IllegalArgumentException ex) {
						throw new IllegalArgumentException("mtls.auth.principal: unknown DN attribute '" + name
								+ "'; use a name such as CN, UID, OU or a dotted OID", ex);
					}
					yield attribute(type, name, multiValued);
				}
				throw new IllegalArgumentException("mtls.auth.principal: unknown source '" + source
						+ "'; use cn, dn, san-dns, san-uri, san-email, email, spiffe-id, fingerprint, serial or "
						+ "attribute:<name or OID>");
			}
		};
	}

	static String serial(BigInteger serial) {
		return serial.toString(16);
	}

	private static Function<X509Certificate, String> attribute(ASN1ObjectIdentifier type, String name,
			boolean multiValued) {
		return (certificate) -> {
			DistinguishedName dn = DistinguishedName.of(certificate.getSubjectX500Principal());
			List<String> values = dn.values(type, multiValued);
			if (values.isEmpty() && !multiValued && !dn.values(type, true).isEmpty()) {
				throw new CertificateRejectedException(name + " occurs only inside a multi-valued RDN, "
						+ "which does not count unless mtls.auth.allow-multi-valued-rdn=true");
			}
			return single(values, name + " attribute");
		};
	}

	private static Function<X509Certificate, String> email(boolean multiValued) {
		return (certificate) -> {
			List<String> emails = SubjectAlternativeNames.of(certificate).emails();
			if (!emails.isEmpty()) {
				return single(emails, "email SAN");
			}
			return attribute(BCStyle.EmailAddress, "emailAddress", multiValued).apply(certificate);
		};
	}

	private static String dn(X509Certificate certificate) {
		DistinguishedName dn = DistinguishedName.of(certificate.getSubjectX500Principal());
		if (dn.containsControlCharacters()) {
			throw new CertificateRejectedException("principal (dn) contains control characters");
		}
		return dn.rfc4514();
	}

	private static String spiffeId(X509Certificate certificate) {
		List<String> uris = SubjectAlternativeNames.of(certificate).uris();
		if (uris.size() != 1) {
			throw new CertificateRejectedException(
					"a SPIFFE certificate must have exactly one URI SAN, found " + uris.size());
		}
		String problem = SpiffeId.problem(uris.get(0));
		if (problem != null) {
			throw new CertificateRejectedException(problem);
		}
		return uris.get(0);
	}

	private static String single(List<String> values, String what) {
		if (values.isEmpty()) {
			throw new CertificateRejectedException("certificate has no " + what);
		}
		if (values.size() > 1) {
			throw new CertificateRejectedException(
					"certificate has " + values.size() + " " + what + " values; the principal is ambiguous");
		}
		if (values.get(0) == null) {
			throw new CertificateRejectedException(what + " is not a string");
		}
		return values.get(0);
	}

}
