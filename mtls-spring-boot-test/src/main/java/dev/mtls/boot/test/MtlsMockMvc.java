package dev.mtls.boot.test;

import java.security.cert.X509Certificate;
import java.util.List;

import dev.mtls.boot.devpki.IssuedCertificate;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * MockMvc requests that carry a client certificate as a servlet container does after a
 * mutual TLS handshake: the chain (certificate, then intermediates, without the
 * self-signed root) in the request attribute {@value #ATTRIBUTE}, where the starter's
 * certificate authentication reads it. Modelled on Spring Security's
 * {@code SecurityMockMvcRequestPostProcessors.x509(...)}.
 *
 * <pre class="code">
 * mockMvc.perform(get("/api/admin").with(clientCertificate(pki.client("CN=admin-client"))))
 *     .andExpect(status().isOk());
 * </pre>
 *
 * No handshake takes place, so the TLS layer (client-auth, trust) is not exercised: use
 * {@link MtlsTestServer} for that.
 */
public final class MtlsMockMvc {

	/**
	 * Servlet request attribute holding the client certificate chain (Servlet
	 * specification, section 3.10).
	 */
	public static final String ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private MtlsMockMvc() {
	}

	/**
	 * Return a post-processor that puts {@code certificate}'s chain into the request.
	 * @param certificate the client certificate
	 * @return the post-processor
	 */
	public static RequestPostProcessor clientCertificate(IssuedCertificate certificate) {
		List<X509Certificate> chain = certificate.chain()
			.stream()
			.filter((cert) -> cert == certificate.certificate()
					|| !cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
			.toList();
		return clientCertificate(chain.toArray(new X509Certificate[0]));
	}

	/**
	 * Return a post-processor that puts {@code chain} into the request.
	 * @param chain the client certificate first, then its issuers
	 * @return the post-processor
	 */
	public static RequestPostProcessor clientCertificate(X509Certificate... chain) {
		X509Certificate[] copy = chain.clone();
		return (request) -> {
			request.setSecure(true);
			request.setAttribute(ATTRIBUTE, copy);
			return request;
		};
	}

}
