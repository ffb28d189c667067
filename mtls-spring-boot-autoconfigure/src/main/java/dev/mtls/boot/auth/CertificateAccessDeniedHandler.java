package dev.mtls.boot.auth;

import java.io.IOException;

import dev.mtls.boot.pki.ControlCharacters;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers 403 with a problem body that names the cause: a missing role, an allow-list,
 * Spring Security's CSRF token, or another authorization rule of the application. Logs at
 * DEBUG which rule refused whom.
 */
public class CertificateAccessDeniedHandler implements AccessDeniedHandler {

	private static final Log logger = LogFactory.getLog(CertificateAccessDeniedHandler.class);

	static final String CSRF_DETAIL = CertificateProblems.CSRF_DETAIL;

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		if (logger.isDebugEnabled()) {
			logger.debug(ControlCharacters.escape("Refused " + caller() + " for " + request.getMethod() + " "
					+ request.getRequestURI() + ": " + CertificateProblems.forbiddenRule(accessDeniedException)));
		}
		ProblemDetailsWriter.write(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
				CertificateProblems.forbiddenDetail(accessDeniedException));
	}

	private static String caller() {
		return CertificateProblems
			.caller(SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication());
	}

}
