package dev.mtls.boot.auth;

import java.io.IOException;

import dev.mtls.boot.pki.ControlCharacters;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Answers 403 with a problem body that names the cause: a missing role, an allow-list,
 * Spring Security's CSRF token, or another authorization rule of the application. Logs at
 * DEBUG which rule refused whom.
 */
public class CertificateAccessDeniedHandler implements AccessDeniedHandler {

	private static final Log logger = LogFactory.getLog(CertificateAccessDeniedHandler.class);

	static final String APPLICATION_RULE_DETAIL = "The client certificate is not authorized for this resource "
			+ "by the application's access rules.";

	static final String CSRF_DETAIL = "The request carries no valid CSRF token: Spring Security's session-token "
			+ "CSRF protection is on for this resource.";

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		CertificateRefusal refusal = refusal(accessDeniedException);
		boolean csrf = accessDeniedException instanceof CsrfException;
		if (logger.isDebugEnabled()) {
			logger.debug(ControlCharacters.escape("Refused " + caller() + " for " + request.getMethod() + " "
					+ request.getRequestURI() + ": " + rule(refusal, csrf, accessDeniedException)));
		}
		ProblemDetailsWriter.write(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
				(refusal != null) ? refusal.cause().detail() : (csrf ? CSRF_DETAIL : APPLICATION_RULE_DETAIL));
	}

	private static String rule(@Nullable CertificateRefusal refusal, boolean csrf, AccessDeniedException exception) {
		if (refusal != null) {
			return refusal.rule();
		}
		if (csrf) {
			return "Spring Security's CSRF protection (" + exception.getMessage()
					+ "); API clients cannot carry its token: leave mtls.auth.cross-origin.enabled on "
					+ "and the chain's csrf() alone";
		}
		return "an access rule of the application (" + exception.getMessage() + ")";
	}

	private static @Nullable CertificateRefusal refusal(AccessDeniedException exception) {
		if (exception instanceof AuthorizationDeniedException denied
				&& denied.getAuthorizationResult() instanceof CertificateRefusal refusal) {
			return refusal;
		}
		return null;
	}

	private static String caller() {
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
			.getContext()
			.getAuthentication();
		CertificatePrincipal principal = CertificatePrincipal.of(authentication);
		if (principal != null) {
			return "'" + principal.getName() + "' (sha256=" + principal.getFingerprint() + ")";
		}
		return (authentication != null) ? "'" + authentication.getName() + "'" : "anonymous caller";
	}

}
