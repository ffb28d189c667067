package dev.mtls.boot.oauth2;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * Checks that an access token is bound to the presented client certificate (RFC 8705
 * section 3): its {@code cnf} claim must carry {@code x5t#S256}. The comparison with the
 * certificate's thumbprint is Spring Security's own
 * ({@code X509CertificateThumbprintValidator}, part of the default JWT validators, which
 * compares only when {@code cnf} is present and reads the certificate of the current
 * request): this class adds the "must be present" part beside it, and runs it for JWTs
 * and introspected opaque tokens alike. Stack-neutral: it takes the token's claims.
 */
final class CertificateBoundTokenCheck {

	static final String CONFIRMATION_CLAIM = "cnf";

	static final String THUMBPRINT_MEMBER = "x5t#S256";

	private static final OAuth2Error NOT_BOUND = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The access token is not bound to a client certificate (RFC 8705 cnf x5t#S256)",
			"https://www.rfc-editor.org/rfc/rfc8705#section-3");

	// The default validators: type and timestamps pass on the claims-only token below,
	// the thumbprint validator compares; the claim validator requires cnf.x5t#S256.
	private final OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithValidators(
			List.of(new JwtClaimValidator<Object>(CONFIRMATION_CLAIM, CertificateBoundTokenCheck::hasThumbprint)));

	/**
	 * Check the claims of an authenticated token against the current request's
	 * certificate.
	 * @param tokenValue the token as presented
	 * @param claims the token's claims (JWT) or introspected attributes (opaque token)
	 * @return {@code null} when the token is bound to the certificate, else the error
	 */
	@Nullable OAuth2Error check(String tokenValue, Map<String, Object> claims) {
		if (!(claims.get(CONFIRMATION_CLAIM) instanceof Map<?, ?> confirmation) || !hasThumbprint(confirmation)) {
			return NOT_BOUND;
		}
		Jwt confirmationOnly = Jwt.withTokenValue(tokenValue)
			.header("alg", "none")
			.claim(CONFIRMATION_CLAIM, confirmation)
			.build();
		OAuth2TokenValidatorResult result = this.validator.validate(confirmationOnly);
		return result.hasErrors() ? result.getErrors().iterator().next() : null;
	}

	private static boolean hasThumbprint(@Nullable Object confirmation) {
		return confirmation instanceof Map<?, ?> members && members.get(THUMBPRINT_MEMBER) instanceof String thumbprint
				&& !thumbprint.isBlank();
	}

}
