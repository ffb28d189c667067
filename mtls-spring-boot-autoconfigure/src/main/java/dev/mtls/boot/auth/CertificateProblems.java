package dev.mtls.boot.auth;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;

/**
 * What the starter tells a refused caller, whatever web stack answers: the RFC 9457
 * {@code application/problem+json} body and the details of its 401 and 403 answers. Takes
 * exceptions and strings only, so the servlet and the reactive adapters answer alike.
 */
final class CertificateProblems {

	static final String CONTENT_TYPE = "application/problem+json";

	/**
	 * The challenge sent with 401: RFC 9110 requires one, no scheme fits a TLS client
	 * certificate, so it is named plainly.
	 */
	static final String CHALLENGE = "ClientCertificate";

	static final String APPLICATION_RULE_DETAIL = "The client certificate is not authorized for this resource "
			+ "by the application's access rules.";

	static final String CSRF_DETAIL = "The request carries no valid CSRF token: Spring Security's session-token "
			+ "CSRF protection is on for this resource.";

	private CertificateProblems() {
	}

	/**
	 * A problem body with no internals: a title, the status, a detail meant for the
	 * caller and the request path.
	 */
	static String body(int status, String title, String detail, String instance) {
		return "{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status + ",\"detail\":"
				+ quote(detail) + ",\"instance\":" + quote(instance) + "}";
	}

	/**
	 * The 401 detail, naming the reason a presented certificate was refused.
	 * @param presentedFailure why the certificate the caller presented was refused, if it
	 * presented one and it was refused
	 * @param authException why the request is unauthenticated
	 */
	static String unauthorizedDetail(@Nullable AuthenticationException presentedFailure,
			AuthenticationException authException) {
		CertificateRejectedException rejection = (authException instanceof CertificateRejectedException rejected)
				? rejected : ((presentedFailure instanceof CertificateRejectedException rejected) ? rejected : null);
		if (rejection != null) {
			return "Client certificate not accepted: " + rejection.getMessage();
		}
		if (presentedFailure != null) {
			return "Client certificate not accepted.";
		}
		return "A valid client certificate is required.";
	}

	/**
	 * The 403 detail: a missing role, an allow-list, Spring Security's CSRF token, or
	 * another authorization rule of the application.
	 */
	static String forbiddenDetail(AccessDeniedException exception) {
		CertificateRefusal refusal = refusal(exception);
		if (refusal != null) {
			return refusal.cause().detail();
		}
		return (exception instanceof CsrfException) ? CSRF_DETAIL : APPLICATION_RULE_DETAIL;
	}

	/**
	 * The rule that refused a request, for the operator's log.
	 */
	static String forbiddenRule(AccessDeniedException exception) {
		CertificateRefusal refusal = refusal(exception);
		if (refusal != null) {
			return refusal.rule();
		}
		if (exception instanceof CsrfException) {
			return "Spring Security's CSRF protection (" + exception.getMessage()
					+ "); API clients cannot carry its token: leave mtls.auth.cross-origin.enabled on "
					+ "and the chain's csrf() alone";
		}
		return "an access rule of the application (" + exception.getMessage() + ")";
	}

	/**
	 * The caller named in the operator's log.
	 */
	static String caller(@Nullable Authentication authentication) {
		CertificatePrincipal principal = CertificatePrincipal.of(authentication);
		if (principal != null) {
			return "'" + principal.getName() + "' (sha256=" + principal.getFingerprint() + ")";
		}
		return (authentication != null) ? "'" + authentication.getName() + "'" : "anonymous caller";
	}

	private static @Nullable CertificateRefusal refusal(AccessDeniedException exception) {
		if (exception instanceof AuthorizationDeniedException denied
				&& denied.getAuthorizationResult() instanceof CertificateRefusal refusal) {
			return refusal;
		}
		return null;
	}

	static String quote(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '<' || c == '>') {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

}
