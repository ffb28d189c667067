package dev.mtls.boot.auth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

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
		CertificateRejectedException rejection = rejection(request, authException);
		if (rejection != null) {
			return "Client certificate not accepted: " + rejection.getMessage();
		}
		if (request.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) != null) {
			return "Client certificate not accepted.";
		}
		return "A valid client certificate is required.";
	}

	private static @Nullable CertificateRejectedException rejection(HttpServletRequest request,
			AuthenticationException authException) {
		if (authException instanceof CertificateRejectedException rejected) {
			return rejected;
		}
		Object failure = request.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		return (failure instanceof CertificateRejectedException rejected) ? rejected : null;
	}

}
