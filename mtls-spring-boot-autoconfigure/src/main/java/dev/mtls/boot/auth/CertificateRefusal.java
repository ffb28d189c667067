package dev.mtls.boot.auth;

import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;

/**
 * Why one of the starter's rules refused an authenticated certificate: the cause named in
 * the 403 body (safe for the caller) and the rule named in the log (for the operator).
 *
 * @param cause what the certificate lacks
 * @param rule the rule that refused it, e.g. {@code mtls.auth.paths[1] (/partner/**)
 * requires one of the roles [PARTNER]}
 */
record CertificateRefusal(Cause cause, String rule) implements AuthorizationResult {

	@Override
	public boolean isGranted() {
		return false;
	}

	AuthorizationDeniedException toException() {
		return new AuthorizationDeniedException(this.rule, this);
	}

	/**
	 * Causes of a refusal, with the detail the caller reads.
	 */
	enum Cause {

		MISSING_ROLE("The client certificate lacks a role this resource requires."),

		NOT_ALLOW_LISTED("The client certificate is not on this resource's allow-list.");

		private final String detail;

		Cause(String detail) {
			this.detail = detail;
		}

		String detail() {
			return this.detail;
		}

	}

}
