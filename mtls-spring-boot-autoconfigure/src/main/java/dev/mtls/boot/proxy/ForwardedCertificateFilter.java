package dev.mtls.boot.proxy;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.mtls.boot.auth.ProblemDetailsWriter;
import dev.mtls.boot.pki.CertificateFingerprint;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
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

	private static final Log logger = LogFactory.getLog(ForwardedCertificateFilter.class);

	private final MtlsProxyProperties properties;

	private final String header;

	private final @Nullable String chainHeader;

	private final List<IpAddressMatcher> trustedProxies;

	private final Set<String> trustedProxyCertificates;

	private final @Nullable ForwardedChainValidator validator;

	private final long maxHeaderSize;

	private ApplicationEventPublisher eventPublisher = (event) -> {
	};

	ForwardedCertificateFilter(MtlsProxyProperties properties, @Nullable ForwardedChainValidator validator) {
		this.properties = properties;
		this.header = properties.certificateHeader();
		this.chainHeader = properties.certificateChainHeader();
		this.trustedProxies = properties.getTrustedProxies()
			.stream()
			.map(String::trim)
			.map(IpAddressMatcher::new)
			.toList();
		this.trustedProxyCertificates = properties.getTrustedProxyCertificates()
			.stream()
			.map(CertificateFingerprint::normalize)
			.collect(Collectors.toUnmodifiableSet());
		this.validator = validator;
		this.maxHeaderSize = properties.getMaxHeaderSize().toBytes();
	}

	/**
	 * Publish a {@link ForwardedCertificateRefusedEvent} for every refused header.
	 * @param eventPublisher the publisher
	 */
	void setEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> values = Collections.list(request.getHeaders(this.header));
		List<String> chainValues = (this.chainHeader != null) ? Collections.list(request.getHeaders(this.chainHeader))
				: List.of();
		String peer = peerAddress(request);
		boolean trustedPeer = isTrustedPeer(peer, request);
		if (values.isEmpty() && chainValues.isEmpty()) {
			// A trusted proxy's own TLS certificate must never pass for a client's.
			chain.doFilter(new ForwardedRequest(request, trustedPeer, null), response);
			return;
		}
		if (!trustedPeer) {
			logger.warn("Refused forwarded client certificate header '" + this.header + "' from untrusted peer " + peer
					+ "; only mtls.proxy.trusted-proxies (and trusted-proxy-certificates) may send it");
			refused(ForwardedCertificateRefusedEvent.Reason.UNTRUSTED_PEER, peer);
			refuse(request, response, "Forwarded client certificates are not accepted from this peer.");
			return;
		}
		try {
			List<X509Certificate> forwarded = decode(request, values, chainValues);
			chain.doFilter(new ForwardedRequest(request, true, forwarded.toArray(new X509Certificate[0])), response);
		}
		catch (MalformedForwardedCertificateException ex) {
			logger.info("Refused forwarded client certificate from " + peer + ": " + ex.getMessage());
			refused(ex.kind(), peer);
			refuse(request, response, "Forwarded client certificate not accepted: " + ex.getMessage());
		}
	}

	private List<X509Certificate> decode(HttpServletRequest request, List<String> values, List<String> chainValues) {
		if (this.properties.getVerifyHeader() != null && !this.properties.getVerifyHeader().isBlank()) {
			List<String> verdicts = Collections.list(request.getHeaders(this.properties.getVerifyHeader().trim()));
			if (verdicts.size() != 1 || !verdicts.get(0).equals(this.properties.getVerifyValue())) {
				throw new MalformedForwardedCertificateException("the proxy did not report a verified certificate",
						ForwardedCertificateRefusedEvent.Reason.PROXY_NOT_VERIFIED);
			}
		}
		if (values.size() != 1 || chainValues.size() > 1) {
			throw new MalformedForwardedCertificateException("certificate header sent more than once");
		}
		String value = values.get(0);
		String chainValue = chainValues.isEmpty() ? null : chainValues.get(0);
		if (value.length() > this.maxHeaderSize || (chainValue != null && chainValue.length() > this.maxHeaderSize)) {
			throw new MalformedForwardedCertificateException(
					"certificate header larger than mtls.proxy.max-header-size");
		}
		List<X509Certificate> forwarded;
		try {
			forwarded = this.properties.getFormat().parse(value, chainValue, this.properties.getXfccElement());
		}
		catch (RuntimeException ex) {
			throw (ex instanceof MalformedForwardedCertificateException malformed) ? malformed
					: new MalformedForwardedCertificateException("certificate header cannot be decoded");
		}
		if (this.validator != null) {
			try {
				this.validator.validate(forwarded);
			}
			catch (MalformedForwardedCertificateException ex) {
				throw new MalformedForwardedCertificateException(String.valueOf(ex.getMessage()),
						ForwardedCertificateRefusedEvent.Reason.NOT_TRUSTED);
			}
		}
		return forwarded;
	}

	private void refused(ForwardedCertificateRefusedEvent.Reason reason, String peer) {
		this.eventPublisher.publishEvent(new ForwardedCertificateRefusedEvent(this, reason, peer));
	}

	private boolean isTrustedPeer(String peer, HttpServletRequest request) {
		if (peer == null || this.trustedProxies.stream().noneMatch((range) -> range.matches(peer))) {
			return false;
		}
		if (this.trustedProxyCertificates.isEmpty()) {
			return true;
		}
		X509Certificate[] proxyChain = (X509Certificate[]) request.getAttribute(CERTIFICATE_ATTRIBUTE);
		return proxyChain != null && proxyChain.length > 0
				&& this.trustedProxyCertificates.contains(CertificateFingerprint.sha256(proxyChain[0]));
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

	private static void refuse(HttpServletRequest request, HttpServletResponse response, String detail)
			throws IOException {
		ProblemDetailsWriter.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
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
			String lower = name.toLowerCase(Locale.ROOT);
			return lower.equals(ForwardedCertificateFilter.this.header.toLowerCase(Locale.ROOT))
					|| (ForwardedCertificateFilter.this.chainHeader != null
							&& lower.equals(ForwardedCertificateFilter.this.chainHeader.toLowerCase(Locale.ROOT)))
					|| (ForwardedCertificateFilter.this.properties.getVerifyHeader() != null
							&& lower.equals(ForwardedCertificateFilter.this.properties.getVerifyHeader()
								.trim()
								.toLowerCase(Locale.ROOT)));
		}

	}

}
