package dev.mtls.boot.auth;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.mtls.boot.pki.CertificateFingerprint;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * One {@code mtls.auth.paths[n]} entry and its decision, whatever web stack matched the
 * request to its pattern: whether a certificate is required, which roles and which
 * certificates may call. The stacks' adapters match patterns with Spring's normalised
 * path matching and ask the first matching policy.
 *
 * @param name the policy as the operator wrote it, for logs
 * @param pattern the path pattern
 * @param required whether a certificate is required
 * @param roles roles of which the certificate needs one, empty for any
 * @param allowedFingerprints the only fingerprints admitted, empty for any
 */
record CertificatePathPolicy(String name, String pattern, boolean required, Set<String> roles,
		Set<String> allowedFingerprints) {

	static List<CertificatePathPolicy> of(List<MtlsAuthProperties.PathPolicy> policies) {
		return IntStream.range(0, policies.size()).mapToObj((index) -> of(index, policies.get(index))).toList();
	}

	private static CertificatePathPolicy of(int index, MtlsAuthProperties.PathPolicy policy) {
		if (policy.getPattern() == null || policy.getPattern().isBlank()) {
			throw new IllegalArgumentException("mtls.auth.paths[].pattern must be set for every path policy");
		}
		String pattern = policy.getPattern().trim();
		return new CertificatePathPolicy("mtls.auth.paths[" + index + "] (" + pattern + ")", pattern,
				policy.isRequired(), Set.copyOf(policy.getRoles()),
				policy.getAllowedFingerprints()
					.stream()
					.map(CertificateFingerprint::normalize)
					.collect(Collectors.toUnmodifiableSet()));
	}

	/**
	 * Refuse a request whose presented certificate was refused, wherever it goes, also on
	 * paths the application permits to anonymous callers.
	 * @param authentication the request's authentication
	 * @param presentedFailure why the presented certificate was refused, if it was
	 * @throws CertificateRejectedException the refusal
	 */
	static void refuseRejectedCertificate(@Nullable Authentication authentication,
			@Nullable AuthenticationException presentedFailure) {
		if (presentedFailure instanceof CertificateRejectedException ex && !isCertificate(authentication)) {
			throw ex;
		}
	}

	/**
	 * Enforce this policy on a request that matched its pattern.
	 * @param authentication the request's authentication
	 * @param presentedFailure why the presented certificate was refused, if it was
	 * @throws AuthenticationException for a 401
	 * @throws org.springframework.security.authorization.AuthorizationDeniedException for
	 * a 403
	 */
	void enforce(@Nullable Authentication authentication, @Nullable AuthenticationException presentedFailure) {
		CertificatePrincipal principal = CertificatePrincipal.of(authentication);
		if (principal == null) {
			// A presented but refused certificate fails even where certificates are
			// optional.
			if (presentedFailure != null) {
				throw presentedFailure;
			}
			if (this.required) {
				throw new InsufficientAuthenticationException("A valid client certificate is required.");
			}
			return;
		}
		if (!this.allowedFingerprints.isEmpty() && !this.allowedFingerprints.contains(principal.getFingerprint())) {
			throw new CertificateRefusal(CertificateRefusal.Cause.NOT_ALLOW_LISTED,
					this.name + " admits only its allowed-fingerprints")
				.toException();
		}
		if (!this.roles.isEmpty() && principal.getRoles().stream().noneMatch(this.roles::contains)) {
			throw new CertificateRefusal(CertificateRefusal.Cause.MISSING_ROLE, this.name
					+ " requires one of the roles " + this.roles + ", the certificate has " + principal.getRoles())
				.toException();
		}
	}

	private static boolean isCertificate(@Nullable Authentication authentication) {
		return CertificatePrincipal.of(authentication) != null;
	}

}
