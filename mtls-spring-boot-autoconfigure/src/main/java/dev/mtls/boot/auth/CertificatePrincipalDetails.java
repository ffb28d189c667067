package dev.mtls.boot.auth;

import org.jspecify.annotations.Nullable;

/**
 * Authentication details that carry the certificate principal of a request whose
 * {@code Authentication} is of another kind, such as a bearer token's. Read it with
 * {@link CertificatePrincipal#of(org.springframework.security.core.Authentication)}.
 */
public interface CertificatePrincipalDetails {

	/**
	 * Return the principal of the request's client certificate.
	 * @return the certificate principal, or {@code null} when the request was
	 * authenticated without a certificate
	 */
	@Nullable CertificatePrincipal getCertificatePrincipal();

}
