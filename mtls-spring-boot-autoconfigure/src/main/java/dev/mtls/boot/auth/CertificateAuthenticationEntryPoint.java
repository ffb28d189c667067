package dev.mtls.boot.auth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.WebAttributes;

/**
 * Answers 401 with a problem body when a request has no acceptable client certificate,
 * naming the reason a presented certificate was refused.
 */
public class CertificateAuthenticationEntryPoint implements AuthenticationEntryPoint {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		ProblemDetailsWriter.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
				detail(request, authException));
	}

	static String detail(HttpServletRequest request, AuthenticationException authException) {
		Object presented = request.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		return CertificateProblems
			.unauthorizedDetail((presented instanceof AuthenticationException failure) ? failure : null, authException);
	}

}
