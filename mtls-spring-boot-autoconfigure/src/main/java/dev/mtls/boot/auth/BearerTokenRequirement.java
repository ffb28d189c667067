package dev.mtls.boot.auth;

/**
 * Whether requests need an OAuth2 bearer token besides, or instead of, their client
 * certificate: {@code mtls.auth.bearer-token} for the whole application and
 * {@code mtls.auth.paths[n].bearer-token} per path. Tokens are checked by Spring
 * Security's OAuth2 resource server, which must be on the class path for any value other
 * than {@link #NONE}.
 */
public enum BearerTokenRequirement {

	/**
	 * No bearer token: the client certificate alone authenticates the request, and an
	 * {@code Authorization: Bearer} header is not read.
	 */
	NONE,

	/**
	 * A valid bearer token is required; the request's principal is the token's subject. A
	 * token bound to a certificate (RFC 8705 {@code cnf}) must still match the presented
	 * one.
	 */
	REQUIRED,

	/**
	 * A valid bearer token bound to the presented client certificate is required: its
	 * {@code cnf} claim carries {@code x5t#S256}, the base64url SHA-256 thumbprint of the
	 * certificate (RFC 8705 section 3).
	 */
	CERTIFICATE_BOUND

}
