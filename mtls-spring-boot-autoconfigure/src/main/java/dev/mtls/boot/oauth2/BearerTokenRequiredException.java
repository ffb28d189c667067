package dev.mtls.boot.oauth2;

import java.io.Serial;

import org.springframework.security.core.AuthenticationException;

/**
 * A request to a path that needs a bearer token came without one: answered with 401 and a
 * {@code Bearer} challenge (RFC 6750 section 3.1, no error code).
 */
final class BearerTokenRequiredException extends AuthenticationException {

	@Serial
	private static final long serialVersionUID = 1L;

	BearerTokenRequiredException() {
		super("A bearer token is required.");
	}

}
