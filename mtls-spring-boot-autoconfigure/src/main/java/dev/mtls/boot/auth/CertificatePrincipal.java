package dev.mtls.boot.auth;

import java.io.Serial;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import dev.mtls.boot.pki.ControlCharacters;
import dev.mtls.boot.pki.CertificateFingerprint;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The authenticated caller of a request: the principal name and roles mapped from its
 * client certificate, and the certificate facts. Inject it with
 * {@code @AuthenticationPrincipal CertificatePrincipal caller}, on Spring MVC and on
 * WebFlux alike; where a bearer token authenticates the request too, the token's subject
 * is the {@code Authentication}'s name and this principal sits in its details
 * ({@link #of(Authentication)}), and the same argument still resolves to it (Spring MVC).
 * Deliberately not a {@code java.security.Principal}, like Spring Security's own
 * principals: WebFlux resolves a controller parameter of a {@code Principal} type itself,
 * to the {@code Authentication}, before {@code @AuthenticationPrincipal} is considered.
 */
public final class CertificatePrincipal implements UserDetails {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String name;

	private final List<X509Certificate> chain;

	private final Set<String> roles;

	private final String fingerprint;

	private final SubjectAlternativeNames subjectAlternativeNames;

	private final @Nullable String spiffeId;

	private final List<GrantedAuthority> authorities;

	public CertificatePrincipal(String name, List<X509Certificate> chain, Set<String> roles) {
		this.name = name;
		this.chain = List.copyOf(chain);
		this.roles = Set.copyOf(roles);
		this.fingerprint = CertificateFingerprint.sha256(chain.get(0));
		this.subjectAlternativeNames = SubjectAlternativeNames.of(chain.get(0));
		List<String> uris = this.subjectAlternativeNames.uris();
		this.spiffeId = (uris.size() == 1 && SpiffeId.problem(uris.get(0)) == null) ? uris.get(0) : null;
		this.authorities = roles.stream()
			.sorted()
			.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
	}

	/**
	 * Return the principal name selected by {@code mtls.auth.principal}.
	 */
	public String getName() {
		return this.name;
	}

	@Override
	public String getUsername() {
		return this.name;
	}

	/**
	 * Certificates carry no password.
	 * @return always {@code null}
	 */
	@Override
	public @Nullable String getPassword() {
		return null;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.authorities;
	}

	/**
	 * Return the roles, without the {@code ROLE_} prefix.
	 */
	public Set<String> getRoles() {
		return this.roles;
	}

	/**
	 * Return the client certificate.
	 */
	public X509Certificate getCertificate() {
		return this.chain.get(0);
	}

	/**
	 * Return the chain the client presented and the TLS stack verified (or the proxy
	 * forwarded and the starter re-validated), leaf first.
	 */
	public List<X509Certificate> getChain() {
		return this.chain;
	}

	/**
	 * Return the subject DN in RFC 4514 form.
	 */
	public String getSubject() {
		return DistinguishedName.of(getCertificate().getSubjectX500Principal()).rfc4514();
	}

	/**
	 * Return the issuer DN in RFC 4514 form.
	 */
	public String getIssuer() {
		return DistinguishedName.of(getCertificate().getIssuerX500Principal()).rfc4514();
	}

	/**
	 * Return the serial number as lower-case hex.
	 */
	public String getSerialNumber() {
		return CertificatePrincipalExtractor.serial(getCertificate().getSerialNumber());
	}

	/**
	 * Return the SHA-256 fingerprint as lower-case hex without colons.
	 */
	public String getFingerprint() {
		return this.fingerprint;
	}

	public SubjectAlternativeNames getSubjectAlternativeNames() {
		return this.subjectAlternativeNames;
	}

	/**
	 * Return the SPIFFE ID: the single URI SAN when it is a valid {@code spiffe://} ID.
	 * @return the SPIFFE ID or {@code null}
	 */
	public @Nullable String getSpiffeId() {
		return this.spiffeId;
	}

	public Instant getNotBefore() {
		return getCertificate().getNotBefore().toInstant();
	}

	public Instant getNotAfter() {
		return getCertificate().getNotAfter().toInstant();
	}

	/**
	 * Return the certificate principal of an authentication: its principal when the
	 * certificate alone authenticated the request, else the one its details carry
	 * ({@link CertificatePrincipalDetails}) when a bearer token authenticated it too.
	 * @param authentication the authentication, may be {@code null}
	 * @return the certificate principal or {@code null}
	 */
	public static @Nullable CertificatePrincipal of(@Nullable Authentication authentication) {
		if (authentication == null) {
			return null;
		}
		if (authentication.getPrincipal() instanceof CertificatePrincipal principal) {
			return principal;
		}
		return (authentication.getDetails() instanceof CertificatePrincipalDetails details)
				? details.getCertificatePrincipal() : null;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof CertificatePrincipal that) && this.name.equals(that.name)
				&& this.fingerprint.equals(that.fingerprint);
	}

	@Override
	public int hashCode() {
		return this.fingerprint.hashCode();
	}

	@Override
	public String toString() {
		return "CertificatePrincipal[" + ControlCharacters.escape(this.name) + ", roles=" + this.roles
				+ ", fingerprint=" + this.fingerprint + "]";
	}

}
