package dev.mtls.boot.auth;

import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mtls.boot.pki.ControlCharacters;
import dev.mtls.boot.pki.CertificateFingerprint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.AuthenticationUserDetailsService;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Turns the certificate that Spring Security's X.509 filter found into a
 * {@link CertificatePrincipal}: applies the {@link ClientCertificatePolicy}, takes the
 * principal name from the extractor and asks every {@link CertificateRoleMapper} for
 * roles. Results are cached by fingerprint, so a certificate is parsed once, not per
 * request.
 */
public class CertificateUserDetailsService
		implements AuthenticationUserDetailsService<PreAuthenticatedAuthenticationToken> {

	private static final Log logger = LogFactory.getLog(CertificateUserDetailsService.class);

	private final ClientCertificatePolicy policy;

	private final List<CertificateRoleMapper> roleMappers;

	private final List<CertificateChainVerifier> verifiers;

	// Keyed by the chain itself: certificates are equal when their DER encodings are, and
	// hash once, so a hit costs no digest.
	private final @Nullable Cache<List<X509Certificate>, CertificatePrincipal> cache;

	public CertificateUserDetailsService(ClientCertificatePolicy policy, List<CertificateRoleMapper> roleMappers,
			int cacheSize) {
		this(policy, roleMappers, List.of(), cacheSize);
	}

	public CertificateUserDetailsService(ClientCertificatePolicy policy, List<CertificateRoleMapper> roleMappers,
			List<CertificateChainVerifier> verifiers, int cacheSize) {
		this.policy = policy;
		this.roleMappers = List.copyOf(roleMappers);
		this.verifiers = List.copyOf(verifiers);
		// Eviction on the calling thread: no pool thread for a cache this small.
		this.cache = (cacheSize > 0) ? Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run).build()
				: null;
	}

	/**
	 * Whether chains are verified again on every request (revocation, trust in force),
	 * which may wait for a revocation responder.
	 */
	boolean verifiesChains() {
		return !this.verifiers.isEmpty();
	}

	@Override
	public CertificatePrincipal loadUserDetails(PreAuthenticatedAuthenticationToken token) {
		return loadPrincipal(token.getPrincipal(), chain(token));
	}

	/**
	 * Authenticate a client chain, whatever web stack received it: the policy, the
	 * verifiers, the principal and the roles.
	 * @param extracted what the principal extractor returned for the leaf (a
	 * {@link RejectionCapturingPrincipalExtractor.Rejection} if it refused it)
	 * @param chain the client chain, leaf first
	 * @return the principal
	 * @throws AuthenticationException when the certificate is refused
	 */
	public CertificatePrincipal loadPrincipal(Object extracted, List<X509Certificate> chain) {
		if (chain.isEmpty()) {
			throw new CertificateRejectedException("no client certificate");
		}
		X509Certificate leaf = chain.get(0);
		try {
			// Revocation and trust change over time: checked on every request, cached or
			// not.
			for (CertificateChainVerifier verifier : this.verifiers) {
				verifier.verify(chain);
			}
			// The chain rules and the principal's chain depend on every certificate the
			// client presented (it may leave out the root, RFC 8446 section 4.4.2, or
			// send another path for the same leaf), so the whole chain is the key.
			CertificatePrincipal cached = (this.cache != null) ? this.cache.getIfPresent(chain) : null;
			if (cached != null) {
				return cached;
			}
			CertificatePrincipal principal = authenticate(extracted, chain);
			if (this.cache != null) {
				this.cache.put(List.copyOf(chain), principal);
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Accepted client certificate " + describe(leaf) + " as '"
						+ ControlCharacters.escape(principal.getName()) + "' with roles " + principal.getRoles());
			}
			return principal;
		}
		catch (AuthenticationException ex) {
			logger.info(
					"Refused client certificate " + describe(leaf) + ": " + ControlCharacters.escape(ex.getMessage()));
			throw ex;
		}
		catch (RuntimeException ex) {
			// A custom mapper or extractor failed: refuse the certificate rather than
			// answer 500, and tell the operator.
			logger.warn("Error while mapping client certificate " + describe(leaf), ex);
			throw new InternalAuthenticationServiceException("client certificate cannot be mapped", ex);
		}
	}

	private CertificatePrincipal authenticate(Object extracted, List<X509Certificate> chain) {
		this.policy.check(chain);
		if (extracted instanceof RejectionCapturingPrincipalExtractor.Rejection rejection) {
			throw rejection.exception();
		}
		String name = String.valueOf(extracted);
		Set<String> roles = new LinkedHashSet<>();
		for (CertificateRoleMapper mapper : this.roleMappers) {
			for (String role : mapper.mapRoles(name, chain)) {
				if (role == null || role.isEmpty() || ControlCharacters.containsAny(role)) {
					throw new CertificateRejectedException("a mapped role is empty or contains control characters");
				}
				roles.add(role);
			}
		}
		return new CertificatePrincipal(name, chain, roles);
	}

	private static List<X509Certificate> chain(PreAuthenticatedAuthenticationToken token) {
		if (token.getDetails() instanceof CertificateAuthenticationDetails details && !details.getChain().isEmpty()) {
			return details.getChain();
		}
		if (token.getCredentials() instanceof X509Certificate certificate) {
			return List.of(certificate);
		}
		return List.of();
	}

	static String describe(X509Certificate certificate) {
		return describe(certificate, CertificateFingerprint.sha256(certificate));
	}

	static String describe(X509Certificate certificate, String fingerprint) {
		return "[subject='" + ControlCharacters.escape(certificate.getSubjectX500Principal().getName()) + "'"
				+ uri(certificate) + ", issuer='"
				+ ControlCharacters.escape(certificate.getIssuerX500Principal().getName()) + "', serial="
				+ CertificatePrincipalExtractor.serial(certificate.getSerialNumber()) + ", sha256=" + fingerprint + "]";
	}

	/**
	 * The URI SAN (a SPIFFE ID for SPIFFE certificates) names a workload better than its
	 * often empty subject.
	 */
	private static String uri(X509Certificate certificate) {
		try {
			List<String> uris = SubjectAlternativeNames.of(certificate).uris();
			return uris.isEmpty() ? "" : ", uri='" + ControlCharacters.escape(String.join(",", uris)) + "'";
		}
		catch (CertificateRejectedException ex) {
			return "";
		}
	}

}
