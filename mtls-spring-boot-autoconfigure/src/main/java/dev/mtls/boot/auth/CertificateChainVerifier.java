package dev.mtls.boot.auth;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A check run on every request's client chain before its cached principal is used, for
 * facts that change over time: revocation, rotated trust anchors. Unlike the principal
 * and roles, the outcome is never cached by the authentication itself, so a TLS session
 * resumed with a certificate that has since been revoked or lost its trust anchor is
 * refused.
 */
@FunctionalInterface
public interface CertificateChainVerifier {

	/**
	 * Verify a chain.
	 * @param chain the chain, leaf first
	 * @throws CertificateRejectedException with the reason when the chain must be refused
	 */
	void verify(List<X509Certificate> chain);

}
