package dev.mtls.boot.proxy;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.lang.Contract;
import org.springframework.util.unit.DataSize;

/**
 * Client certificates forwarded by a TLS-terminating proxy in a request header.
 */
@ConfigurationProperties("mtls.proxy")
public class MtlsProxyProperties {

	static final String DEFAULT_VERIFY_VALUE = "SUCCESS";

	/**
	 * Whether to accept client certificates forwarded by trusted proxies.
	 */
	private boolean enabled;

	/**
	 * How the proxy encodes the certificate: 'xfcc' (Envoy/Istio
	 * X-Forwarded-Client-Cert), 'pem-urlencoded' (nginx $ssl_client_escaped_cert),
	 * 'der-base64' (HAProxy, Traefik, Azure, Cloudflare), 'pem-base64' (WSO2), 'rfc9440'
	 * (Client-Cert and Client-Cert-Chain), 'aws-alb' (X-Amzn-Mtls-Clientcert).
	 */
	private ForwardedCertificateFormat format = ForwardedCertificateFormat.PEM_URLENCODED;

	/**
	 * Header that carries the client certificate. Defaults to the format's usual header.
	 */
	private @Nullable String header;

	/**
	 * Header that carries the rest of the chain, for formats that send it separately.
	 * Defaults to the format's usual header, if any.
	 */
	private @Nullable String chainHeader;

	/**
	 * Addresses or CIDR ranges of the peers allowed to send the header, decided on the
	 * TCP peer address, never on X-Forwarded-For. Required when the proxy support is
	 * enabled.
	 */
	private List<String> trustedProxies = new ArrayList<>();

	/**
	 * SHA-256 fingerprints of client certificates of which the proxy must present one on
	 * its own TLS connection to the application.
	 */
	private List<String> trustedProxyCertificates = new ArrayList<>();

	/**
	 * Header in which the proxy states its own verification verdict, e.g.
	 * 'X-SSL-Client-Verify' for nginx's $ssl_client_verify.
	 */
	private @Nullable String verifyHeader;

	/**
	 * Value of the verify header that means the proxy verified the certificate.
	 */
	private String verifyValue = DEFAULT_VERIFY_VALUE;

	/**
	 * Whether to validate the forwarded chain again against 'mtls.server.truststore' like
	 * a certificate received in a TLS handshake.
	 */
	private boolean revalidate = true;

	/**
	 * Which element of an X-Forwarded-Client-Cert header with several elements (one per
	 * proxy hop) to use: 'only' refuses several elements, 'first' or 'last' picks one.
	 */
	private XfccElement xfccElement = XfccElement.ONLY;

	/**
	 * Maximum size of a certificate header value; larger values are refused.
	 */
	private DataSize maxHeaderSize = DataSize.ofKilobytes(32);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public ForwardedCertificateFormat getFormat() {
		return this.format;
	}

	public void setFormat(ForwardedCertificateFormat format) {
		this.format = format;
	}

	public @Nullable String getHeader() {
		return this.header;
	}

	public void setHeader(@Nullable String header) {
		this.header = header;
	}

	public @Nullable String getChainHeader() {
		return this.chainHeader;
	}

	public void setChainHeader(@Nullable String chainHeader) {
		this.chainHeader = chainHeader;
	}

	public List<String> getTrustedProxies() {
		return this.trustedProxies;
	}

	public void setTrustedProxies(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public List<String> getTrustedProxyCertificates() {
		return this.trustedProxyCertificates;
	}

	public void setTrustedProxyCertificates(List<String> trustedProxyCertificates) {
		this.trustedProxyCertificates = trustedProxyCertificates;
	}

	public @Nullable String getVerifyHeader() {
		return this.verifyHeader;
	}

	public void setVerifyHeader(@Nullable String verifyHeader) {
		this.verifyHeader = verifyHeader;
	}

	public String getVerifyValue() {
		return this.verifyValue;
	}

	public void setVerifyValue(String verifyValue) {
		this.verifyValue = verifyValue;
	}

	public boolean isRevalidate() {
		return this.revalidate;
	}

	public void setRevalidate(boolean revalidate) {
		this.revalidate = revalidate;
	}

	public XfccElement getXfccElement() {
		return this.xfccElement;
	}

	public void setXfccElement(XfccElement xfccElement) {
		this.xfccElement = xfccElement;
	}

	public DataSize getMaxHeaderSize() {
		return this.maxHeaderSize;
	}

	public void setMaxHeaderSize(DataSize maxHeaderSize) {
		this.maxHeaderSize = maxHeaderSize;
	}

	/**
	 * Return the header that carries the certificate.
	 */
	String certificateHeader() {
		return hasText(this.header) ? this.header.trim() : this.format.defaultHeader();
	}

	/**
	 * Return the header that carries the chain, or {@code null}.
	 */
	@Nullable String certificateChainHeader() {
		return hasText(this.chainHeader) ? this.chainHeader.trim() : this.format.defaultChainHeader();
	}

	@Contract("null -> false")
	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	/**
	 * Which element of a multi-element X-Forwarded-Client-Cert header to use.
	 */
	public enum XfccElement {

		/**
		 * Refuse headers with several elements.
		 */
		ONLY,

		/**
		 * Use the first element (the proxy closest to the client appends first).
		 */
		FIRST,

		/**
		 * Use the last element (the proxy closest to the application).
		 */
		LAST

	}

}
