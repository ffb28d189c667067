package dev.mtls.boot.proxy;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Enumeration;

import dev.mtls.boot.auth.ProblemDetailsWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Accepts a client certificate forwarded by a trusted proxy: checks who sent it (TCP peer
 * address, optionally the proxy's own certificate and verdict), decodes it strictly,
 * validates it again, and presents it to the application as the request's verified client
 * certificate, where certificate authentication picks it up exactly like one from a TLS
 * handshake. The certificate headers never reach the application.
 */
public class ForwardedCertificateFilter extends OncePerRequestFilter {

	static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private final ForwardedCertificateAcceptance acceptance;

	ForwardedCertificateFilter(MtlsProxyProperties properties, @Nullable ForwardedChainValidator validator) {
		this.acceptance = new ForwardedCertificateAcceptance(properties, validator);
	}

	/**
	 * Publish a {@link ForwardedCertificateRefusedEvent} for every refused header.
	 * @param eventPublisher the publisher
	 */
	void setEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.acceptance.setEventPublisher(eventPublisher);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ForwardedCertificateAcceptance.Verdict verdict = this.acceptance.decide(peerAddress(request),
				(X509Certificate[]) request.getAttribute(CERTIFICATE_ATTRIBUTE),
				(name) -> Collections.list(request.getHeaders(name)));
		if (verdict.refusal() != null) {
			ProblemDetailsWriter.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
					verdict.refusal());
			return;
		}
		chain.doFilter(new ForwardedRequest(request, verdict.trustedPeer(), verdict.certificates()), response);
	}

	/**
	 * Return the TCP peer address, never an address taken from a forwarding header.
	 */
	static String peerAddress(HttpServletRequest request) {
		if (request.getAttribute(TcpPeerAddressValve.ATTRIBUTE) instanceof String address) {
			return address;
		}
		ServletRequest innermost = request;
		while (innermost instanceof ServletRequestWrapper wrapper) {
			innermost = wrapper.getRequest();
		}
		return innermost.getRemoteAddr();
	}

	/**
	 * The request as the application sees it: certificate headers removed, the forwarded
	 * chain as the verified client certificate (or none when a trusted proxy forwarded
	 * none).
	 */
	private final class ForwardedRequest extends HttpServletRequestWrapper {

		private final boolean replaceCertificate;

		private X509Certificate @Nullable [] certificates;

		ForwardedRequest(HttpServletRequest request, boolean replaceCertificate,
				X509Certificate @Nullable [] certificates) {
			super(request);
			this.replaceCertificate = replaceCertificate;
			this.certificates = certificates;
		}

		@Override
		public @Nullable Object getAttribute(String name) {
			if (this.replaceCertificate && CERTIFICATE_ATTRIBUTE.equals(name)) {
				return (this.certificates != null) ? this.certificates.clone() : null;
			}
			return super.getAttribute(name);
		}

		@Override
		public void setAttribute(String name, Object value) {
			if (this.replaceCertificate && CERTIFICATE_ATTRIBUTE.equals(name)) {
				this.certificates = (X509Certificate[]) value;
				return;
			}
			super.setAttribute(name, value);
		}

		@Override
		public @Nullable String getHeader(String name) {
			return isHidden(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isHidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(
					Collections.list(super.getHeaderNames()).stream().filter((name) -> !isHidden(name)).toList());
		}

		@Override
		public long getDateHeader(String name) {
			return isHidden(name) ? -1 : super.getDateHeader(name);
		}

		@Override
		public int getIntHeader(String name) {
			return isHidden(name) ? -1 : super.getIntHeader(name);
		}

		private boolean isHidden(String name) {
			return ForwardedCertificateFilter.this.acceptance.isHidden(name);
		}

	}

}
