package dev.mtls.boot.oauth2;

import java.io.Serial;

import dev.mtls.boot.auth.CertificatePrincipal;
import dev.mtls.boot.auth.CertificatePrincipalDetails;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Details of a bearer token authentication: the web details plus the principal of the
 * request's client certificate, which Spring Security's certificate filter established
 * before the token was read. The token's subject is the authentication's name; this is
 * where the certificate principal stays reachable.
 */
public final class CertificateAndTokenDetails extends WebAuthenticationDetails implements CertificatePrincipalDetails {

	@Serial
	private static final long serialVersionUID = 1L;

	private final @Nullable CertificatePrincipal certificatePrincipal;

	CertificateAndTokenDetails(HttpServletRequest request, @Nullable CertificatePrincipal certificatePrincipal) {
		super(request);
		this.certificatePrincipal = certificatePrincipal;
	}

	static CertificateAndTokenDetails of(HttpServletRequest request, SecurityContextHolderStrategy contexts) {
		return new CertificateAndTokenDetails(request,
				CertificatePrincipal.of(contexts.getContext().getAuthentication()));
	}

	@Override
	public @Nullable CertificatePrincipal getCertificatePrincipal() {
		return this.certificatePrincipal;
	}

}
