package dev.mtls.boot.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.mtls.boot.pki.MtlsMaterialException;
import org.jspecify.annotations.Nullable;

/**
 * The identity an outbound client requires of the server besides a trusted chain, the
 * host name and pins: a SPIFFE ID among the certificate's URI SANs and/or one of some DNS
 * names among its DNS SANs. Names are compared exactly (DNS names ignoring case): a
 * wildcard in the certificate matches only the same wildcard.
 */
final class ExpectedServerIdentity {

	private static final ExpectedServerIdentity NONE = new ExpectedServerIdentity(null, Set.of());

	private static final int URI_SAN = 6;

	private static final int DNS_SAN = 2;

	private final @Nullable String spiffeId;

	private final Set<String> dnsNames;

	private ExpectedServerIdentity(@Nullable String spiffeId, Set<String> dnsNames) {
		this.spiffeId = spiffeId;
		this.dnsNames = dnsNames;
	}

	/**
	 * Parse the configured expectation.
	 * @param prefix the client's property prefix, e.g. {@code mtls.clients.partner}
	 * @param spiffeId the expected SPIFFE ID, may be {@code null}
	 * @param dnsNames the expected DNS names, may be {@code null} or empty
	 * @return the expectation
	 * @throws MtlsMaterialException when a value can never match a certificate
	 */
	static ExpectedServerIdentity parse(String prefix, @Nullable String spiffeId, @Nullable List<String> dnsNames) {
		String id = (spiffeId != null && !spiffeId.isBlank()) ? spiffeId.trim() : null;
		if (id != null) {
			String problem = spiffeIdProblem(id);
			if (problem != null) {
				throw new MtlsMaterialException(prefix + ".expected-server.spiffe-id",
						"'" + id + "' is not a SPIFFE ID (" + problem + ")",
						"Write the server's SPIFFE ID as it appears in its certificate's URI SAN, e.g. "
								+ "spiffe://example.org/ns/payments/sa/api");
			}
		}
		Set<String> names = new LinkedHashSet<>();
		if (dnsNames != null) {
			for (int i = 0; i < dnsNames.size(); i++) {
				String name = (dnsNames.get(i) != null) ? dnsNames.get(i).trim() : "";
				if (name.isEmpty() || name.contains("://") || name.contains("/") || name.contains(":")) {
					throw new MtlsMaterialException(prefix + ".expected-server.dns-names[" + i + "]",
							"'" + name + "' is not a DNS name",
							"Write a host name as it appears in the server certificate's DNS SANs, e.g. "
									+ "api.partner.example, without scheme, port or path");
				}
				names.add(name.toLowerCase(Locale.ROOT));
			}
		}
		return (id == null && names.isEmpty()) ? NONE : new ExpectedServerIdentity(id, Set.copyOf(names));
	}

	boolean isEmpty() {
		return this.spiffeId == null && this.dnsNames.isEmpty();
	}

	/**
	 * Return why the server certificate does not carry the expected identity, or
	 * {@code null} when it does.
	 * @param certificate the server's certificate
	 * @return the mismatch, described for the operator, or {@code null}
	 */
	@Nullable String mismatch(X509Certificate certificate) {
		List<String> uris = names(certificate, URI_SAN);
		if (this.spiffeId != null && !uris.contains(this.spiffeId)) {
			return "expected SPIFFE ID " + this.spiffeId + ", actual URI SANs " + uris;
		}
		if (!this.dnsNames.isEmpty()) {
			List<String> dns = names(certificate, DNS_SAN);
			if (dns.stream().map((name) -> name.toLowerCase(Locale.ROOT)).noneMatch(this.dnsNames::contains)) {
				return "expected one of the DNS names " + this.dnsNames + ", actual DNS SANs " + dns;
			}
		}
		return null;
	}

	private static List<String> names(X509Certificate certificate, int type) {
		try {
			Collection<List<?>> names = certificate.getSubjectAlternativeNames();
			List<String> matching = new ArrayList<>();
			if (names != null) {
				for (List<?> name : names) {
					if (name.get(0) instanceof Integer kind && kind == type && name.get(1) instanceof String value) {
						matching.add(value);
					}
				}
			}
			return matching;
		}
		catch (CertificateParsingException ex) {
			return List.of();
		}
	}

	private static @Nullable String spiffeIdProblem(String id) {
		try {
			URI uri = new URI(id);
			if (!"spiffe".equals(uri.getScheme())) {
				return "it does not start with spiffe://";
			}
			if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
				return "it names no trust domain";
			}
			if (uri.getUserInfo() != null || uri.getPort() != -1 || uri.getRawQuery() != null
					|| uri.getRawFragment() != null) {
				return "a SPIFFE ID has no user, port, query or fragment";
			}
			if (!uri.getRawAuthority().equals(uri.getRawAuthority().toLowerCase(Locale.ROOT))) {
				return "its trust domain is not lower case";
			}
			if (uri.getRawPath() != null && uri.getRawPath().endsWith("/")) {
				return "its path ends with '/'";
			}
			return null;
		}
		catch (URISyntaxException ex) {
			return ex.getReason();
		}
	}

}
