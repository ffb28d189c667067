package dev.mtls.boot.auth;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * A client certificate that the TLS stack accepted is not acceptable as an identity:
 * wrong key usage, weak key, ambiguous or missing principal, not on an allow-list... The
 * message is the reason, safe to show to the caller.
 */
public class CertificateRejectedException extends BadCredentialsException {

	private static final long serialVersionUID = 1L;

	public CertificateRejectedException(String reason) {
		super(reason);
	}

}
