package dev.mtls.boot.auth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers 403 with a problem body when an authenticated certificate lacks a role.
 */
public class CertificateAccessDeniedHandler implements AccessDeniedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		ProblemDetailsWriter.write(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
				"The client certificate is not authorized for this resource.");
	}

}
