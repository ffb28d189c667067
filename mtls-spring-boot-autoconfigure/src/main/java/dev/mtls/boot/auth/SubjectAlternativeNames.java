package dev.mtls.boot.auth;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The subject alternative names of a certificate, by type (RFC 5280 section 4.2.1.6).
 *
 * @param dnsNames dNSName entries
 * @param uris uniformResourceIdentifier entries
 * @param emails rfc822Name entries
 * @param ipAddresses iPAddress entries
 */
public record SubjectAlternativeNames(List<String> dnsNames, List<String> uris, List<String> emails,
		List<String> ipAddresses) {

	private static final int RFC822_NAME = 1;

	private static final int DNS_NAME = 2;

	private static final int URI = 6;

	private static final int IP_ADDRESS = 7;

	static SubjectAlternativeNames of(X509Certificate certificate) {
		List<String> dns = new ArrayList<>();
		List<String> uris = new ArrayList<>();
		List<String> emails = new ArrayList<>();
		List<String> ips = new ArrayList<>();
		Collection<List<?>> names;
		try {
			names = certificate.getSubjectAlternativeNames();
		}
		catch (CertificateParsingException ex) {
			throw new CertificateRejectedException("subject alternative names cannot be parsed");
		}
		if (names != null) {
			for (List<?> name : names) {
				if (name.size() < 2 || !(name.get(0) instanceof Integer type)
						|| !(name.get(1) instanceof String value)) {
					continue;
				}
				switch (type) {
					case DNS_NAME -> dns.add(value);
					case URI -> uris.add(value);
					case RFC822_NAME -> emails.add(value);
					case IP_ADDRESS -> ips.add(value);
					default -> {
					}
				}
			}
		}
		return new SubjectAlternativeNames(List.copyOf(dns), List.copyOf(uris), List.copyOf(emails), List.copyOf(ips));
	}

}
