package dev.mtls.boot.proxy;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.mtls.boot.pki.CertificateFingerprint;
import dev.mtls.boot.pki.ClientTrustAnchors;
import dev.mtls.boot.pki.MtlsMaterialException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Decides on a forwarded client certificate, whatever web stack received the request: who
 * sent it (TCP peer address, optionally the proxy's own certificate and verdict), its
 * strict decoding and its validation again. Takes addresses, certificates and header
 * values only; the servlet and the reactive filters differ only in how they read the
 * request and present the result to the application.
 */
final class ForwardedCertificateAcceptance {

	// The servlet filter's category by name: its class needs the Servlet API, absent on
	// WebFlux.
	private static final Log logger = LogFactory.getLog("dev.mtls.boot.proxy.ForwardedCertificateFilter");

	private final MtlsProxyProperties properties;

	private final String header;

	private final @Nullable String chainHeader;

	private final @Nullable String verifyHeader;

	private final List<IpAddressMatcher> trustedProxies;

	private final Set<String> trustedProxyCertificates;

	private final @Nullable ForwardedChainValidator validator;

	private final long maxHeaderSize;

	private ApplicationEventPublisher eventPublisher = (event) -> {
	};

	ForwardedCertificateAcceptance(MtlsProxyProperties properties, @Nullable ForwardedChainValidator validator) {
		this.properties = properties;
		this.header = properties.certificateHeader();
		this.chainHeader = properties.certificateChainHeader();
		this.verifyHeader = (properties.getVerifyHeader() != null && !properties.getVerifyHeader().isBlank())
				? properties.getVerifyHeader().trim() : null;
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

	static void validateTrustedProxies(MtlsProxyProperties properties) {
		if (properties.getTrustedProxies().isEmpty()) {
			throw new MtlsMaterialException("mtls.proxy.trusted-proxies",
					"mtls.proxy.enabled=true but no trusted proxy is configured, so anyone could forge a client "
							+ "certificate header",
					"Set mtls.proxy.trusted-proxies to the addresses or CIDR ranges of your proxies, e.g. "
							+ "10.0.0.0/8 or 127.0.0.1/32. There is deliberately no trust-all value.");
		}
		List<String> invalid = new ArrayList<>();
		for (String range : properties.getTrustedProxies()) {
			try {
				new IpAddressMatcher(range.trim());
			}
			catch (IllegalArgumentException ex) {
				invalid.add(range);
			}
		}
		if (!invalid.isEmpty()) {
			throw new MtlsMaterialException("mtls.proxy.trusted-proxies", "invalid address or CIDR range " + invalid,
					"Use IPv4 or IPv6 addresses or CIDR ranges such as 10.0.0.0/8, 127.0.0.1 or ::1/128.");
		}
	}

	static ClientTrustAnchors requireTrust(ClientTrustAnchors trust) {
		if (!trust.isConfigured()) {
			throw new MtlsMaterialException("mtls.server.truststore",
					"mtls.proxy.revalidate=true but no trusted client CA is configured to validate forwarded "
							+ "certificates with",
					"Set mtls.server.truststore.certificate (or .location) to the CAs that issue client "
							+ "certificates. Behind a proxy with plain HTTP, also set mtls.server.enabled=false.");
		}
		return trust;
	}

	void setEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Decide on a request.
	 * @param peer the TCP peer address, never one from a forwarding header
	 * @param peerChain the certificate chain the peer presented in its own TLS handshake
	 * @param headers the request's values of a header, by name
	 * @return the verdict
	 */
	Verdict decide(@Nullable String peer, X509Certificate @Nullable [] peerChain,
			Function<String, List<String>> headers) {
		List<String> values = headers.apply(this.header);
		List<String> chainValues = (this.chainHeader != null) ? headers.apply(this.chainHeader) : List.of();
		boolean trustedPeer = isTrustedPeer(peer, peerChain);
		if (values.isEmpty() && chainValues.isEmpty()) {
			// A trusted proxy's own TLS certificate must never pass for a client's.
			return new Verdict(trustedPeer, null, null);
		}
		if (!trustedPeer) {
			logger.warn("Refused forwarded client certificate header '" + this.header + "' from untrusted peer " + peer
					+ "; only mtls.proxy.trusted-proxies (and trusted-proxy-certificates) may send it");
			refused(ForwardedCertificateRefusedEvent.Reason.UNTRUSTED_PEER, peer);
			return new Verdict(false, null, "Forwarded client certificates are not accepted from this peer.");
		}
		try {
			List<X509Certificate> forwarded = decode(values, chainValues, headers);
			return new Verdict(true, forwarded.toArray(new X509Certificate[0]), null);
		}
		catch (MalformedForwardedCertificateException ex) {
			logger.info("Refused forwarded client certificate from " + peer + ": " + ex.getMessage());
			refused(ex.kind(), peer);
			return new Verdict(true, null, "Forwarded client certificate not accepted: " + ex.getMessage());
		}
	}

	/**
	 * The headers that carry forwarded certificate facts, which the application never
	 * sees.
	 */
	List<String> hiddenHeaders() {
		return java.util.stream.Stream.of(this.header, this.chainHeader, this.verifyHeader)
			.filter(java.util.Objects::nonNull)
			.map(String::valueOf)
			.toList();
	}

	/**
	 * Whether a header carries forwarded certificate facts, which the application never
	 * sees.
	 */
	boolean isHidden(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.equals(this.header.toLowerCase(Locale.ROOT))
				|| (this.chainHeader != null && lower.equals(this.chainHeader.toLowerCase(Locale.ROOT)))
				|| (this.verifyHeader != null && lower.equals(this.verifyHeader.toLowerCase(Locale.ROOT)));
	}

	private List<X509Certificate> decode(List<String> values, List<String> chainValues,
			Function<String, List<String>> headers) {
		if (this.verifyHeader != null) {
			List<String> verdicts = headers.apply(this.verifyHeader);
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

	private void refused(ForwardedCertificateRefusedEvent.Reason reason, @Nullable String peer) {
		this.eventPublisher.publishEvent(new ForwardedCertificateRefusedEvent(this, reason, String.valueOf(peer)));
	}

	private boolean isTrustedPeer(@Nullable String peer, X509Certificate @Nullable [] peerChain) {
		if (peer == null || this.trustedProxies.stream().noneMatch((range) -> range.matches(peer))) {
			return false;
		}
		if (this.trustedProxyCertificates.isEmpty()) {
			return true;
		}
		return peerChain != null && peerChain.length > 0
				&& this.trustedProxyCertificates.contains(CertificateFingerprint.sha256(peerChain[0]));
	}

	/**
	 * The verdict on a request.
	 *
	 * @param trustedPeer whether a trusted proxy sent it, so that its own certificate is
	 * replaced by the forwarded one (or by none)
	 * @param certificates the accepted forwarded chain, leaf first, if one was forwarded
	 * @param refusal the 401 detail when the request must be refused
	 */
	record Verdict(boolean trustedPeer, X509Certificate @Nullable [] certificates, @Nullable String refusal) {

	}

}
