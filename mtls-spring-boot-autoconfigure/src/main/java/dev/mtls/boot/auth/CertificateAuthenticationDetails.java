package dev.mtls.boot.auth;

import java.io.Serial;
import java.security.cert.X509Certificate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.authentication.preauth.PreAuthenticatedGrantedAuthoritiesWebAuthenticationDetails;

/**
 * Web authentication details that carry the whole client chain, which Spring Security's
 * X.509 filter reduces to the leaf.
 */
public class CertificateAuthenticationDetails extends PreAuthenticatedGrantedAuthoritiesWebAuthenticationDetails {

	@Serial
	private static final long serialVersionUID = 1L;

	static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private final List<X509Certificate> chain;

	CertificateAuthenticationDetails(HttpServletRequest request) {
		super(request, List.of());
		X509Certificate[] certificates = (X509Certificate[]) request.getAttribute(CERTIFICATE_ATTRIBUTE);
		this.chain = (certificates != null) ? List.of(certificates) : List.of();
	}

	/**
	 * Return the chain of the request, leaf first.
	 */
	public List<X509Certificate> getChain() {
		return this.chain;
	}

}
