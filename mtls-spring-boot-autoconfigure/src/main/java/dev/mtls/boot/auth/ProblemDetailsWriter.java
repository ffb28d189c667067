package dev.mtls.boot.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes RFC 9457 {@code application/problem+json} bodies for refused requests, with no
 * internals: a title, the status, a detail meant for the caller and the request path.
 * Shared by the starter's filters; not meant for application code.
 */
public final class ProblemDetailsWriter {

	private ProblemDetailsWriter() {
	}

	/**
	 * Write a problem response unless the response is already committed.
	 * @param request the request
	 * @param response the response
	 * @param status the HTTP status
	 * @param title the title
	 * @param detail the detail for the caller
	 * @throws IOException when the body cannot be written
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
			String detail) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(status);
		response.setContentType(CertificateProblems.CONTENT_TYPE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		if (status == HttpServletResponse.SC_UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", CertificateProblems.CHALLENGE);
		}
		String body = CertificateProblems.body(status, title, detail, request.getRequestURI());
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
	}

}
