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

	static final String CONTENT_TYPE = "application/problem+json";

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
		response.setContentType(CONTENT_TYPE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		if (status == HttpServletResponse.SC_UNAUTHORIZED) {
			// RFC 9110 requires a challenge with 401; no scheme fits a TLS client
			// certificate, so name it plainly.
			response.setHeader("WWW-Authenticate", "ClientCertificate");
		}
		String body = "{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status + ",\"detail\":"
				+ quote(detail) + ",\"instance\":" + quote(request.getRequestURI()) + "}";
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
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
