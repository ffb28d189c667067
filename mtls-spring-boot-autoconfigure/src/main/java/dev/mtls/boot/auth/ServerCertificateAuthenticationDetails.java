package dev.mtls.boot.auth;

import java.io.Serial;
import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Authentication details of a reactive request: the whole client chain and the TCP peer
 * address, as {@link CertificateAuthenticationDetails} carries them on the servlet stack.
 */
public class ServerCertificateAuthenticationDetails extends WebAuthenticationDetails {

	@Serial
	private static final long serialVersionUID = 1L;

	private final List<X509Certificate> chain;

	ServerCertificateAuthenticationDetails(List<X509Certificate> chain, @Nullable String remoteAddress) {
		super((remoteAddress != null) ? remoteAddress : "unknown", null);
		this.chain = List.copyOf(chain);
	}

	/**
	 * Return the chain of the request, leaf first.
	 */
	public List<X509Certificate> getChain() {
		return this.chain;
	}

}
