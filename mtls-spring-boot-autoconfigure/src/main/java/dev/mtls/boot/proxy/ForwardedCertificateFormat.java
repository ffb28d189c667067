package dev.mtls.boot.proxy;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mtls.boot.pki.CertificateFingerprint;
import org.jspecify.annotations.Nullable;

/**
 * How a proxy encodes the client certificate, with the headers it usually uses.
 */
public enum ForwardedCertificateFormat {

	/**
	 * Envoy and Istio {@code X-Forwarded-Client-Cert}: {@code Cert=} (URL-encoded PEM)
	 * and optional {@code Chain=}; {@code Hash=}, when sent, must match the certificate.
	 * {@code Subject=}, {@code URI=} and {@code DNS=} are informational and never decide
	 * identity.
	 */
	XFCC("X-Forwarded-Client-Cert", null) {

		@Override
		List<X509Certificate> parse(String value, @Nullable String chainValue,
				MtlsProxyProperties.XfccElement element) {
			List<Map<String, String>> elements = XfccHeader.parse(value);
			Map<String, String> selected = switch (element) {
				case ONLY -> {
					if (elements.size() != 1) {
						throw new MalformedForwardedCertificateException("XFCC header has " + elements.size()
								+ " elements; set mtls.proxy.xfcc-element to first or last to choose one");
					}
					yield elements.get(0);
				}
				case FIRST -> elements.get(0);
				case LAST -> elements.get(elements.size() - 1);
			};
			String cert = selected.get("cert");
			if (cert == null || cert.isEmpty()) {
				throw new MalformedForwardedCertificateException("XFCC element has no Cert");
			}
			X509Certificate leaf = ForwardedCertificateDecoding.pem(ForwardedCertificateDecoding.percentDecode(cert), 1)
				.get(0);
			String hash = selected.get("hash");
			if (hash != null && !CertificateFingerprint.normalize(hash).equals(CertificateFingerprint.sha256(leaf))) {
				throw new MalformedForwardedCertificateException("XFCC Hash does not match Cert");
			}
			List<X509Certificate> chain = new ArrayList<>();
			chain.add(leaf);
			String chainPem = selected.get("chain");
			if (chainPem != null && !chainPem.isEmpty()) {
				List<X509Certificate> sent = ForwardedCertificateDecoding
					.pem(ForwardedCertificateDecoding.percentDecode(chainPem), MAX_CHAIN);
				// Envoy's Chain includes the leaf first.
				if (!sent.get(0).equals(leaf)) {
					throw new MalformedForwardedCertificateException("XFCC Chain does not start with Cert");
				}
				chain.addAll(sent.subList(1, sent.size()));
			}
			return chain;
		}

	},

	/**
	 * nginx {@code $ssl_client_escaped_cert}: the leaf as URL-encoded PEM; an optional
	 * chain header holds URL-encoded PEM intermediates.
	 */
	PEM_URLENCODED("X-SSL-Client-Cert", null) {

		@Override
		List<X509Certificate> parse(String value, @Nullable String chainValue,
				MtlsProxyProperties.XfccElement element) {
			return withChain(
					ForwardedCertificateDecoding.pem(ForwardedCertificateDecoding.percentDecode(value), 1).get(0),
					(chainValue != null) ? ForwardedCertificateDecoding
						.pem(ForwardedCertificateDecoding.percentDecode(chainValue), MAX_CHAIN) : List.of());
		}

	},

	/**
	 * Base64 of the DER leaf: HAProxy {@code %[ssl_c_der,base64]}, Traefik, Azure
	 * {@code X-ARR-ClientCert}, Cloudflare. The leaf only: the trust store must hold the
	 * issuing CA.
	 */
	DER_BASE64("X-SSL-Client-Cert", null) {

		@Override
		List<X509Certificate> parse(String value, @Nullable String chainValue,
				MtlsProxyProperties.XfccElement element) {
			return List.of(ForwardedCertificateDecoding.der(ForwardedCertificateDecoding.base64(value)));
		}

	},

	/**
	 * Base64 of PEM text, leaf first, optionally followed by its chain: WSO2
	 * {@code X-WSO2-CLIENT-CERTIFICATE}.
	 */
	PEM_BASE64("X-WSO2-CLIENT-CERTIFICATE", null) {

		@Override
		List<X509Certificate> parse(String value, @Nullable String chainValue,
				MtlsProxyProperties.XfccElement element) {
			return ForwardedCertificateDecoding.pem(
					new String(ForwardedCertificateDecoding.base64(value), java.nio.charset.StandardCharsets.US_ASCII),
					MAX_CHAIN);
		}

	},

	/**
	 * RFC 9440: {@code Client-Cert} and {@code Client-Cert-Chain} as structured-field
	 * byte sequences of DER.
	 */
	RFC9440("Client-Cert", "Client-Cert-Chain") {

		@Override
		List<X509Certificate> parse(String value, @Nullable String chainValue,
				MtlsProxyProperties.XfccElement element) {
			X509Certificate leaf = ForwardedCertificateDecoding.der(byteSequence(value));
			List<X509Certificate> intermediates = new ArrayList<>();
			if (chainValue != null) {
				for (String member : chainValue.split(",", -1)) {
					intermediates.add(ForwardedCertificateDecoding.der(byteSequence(member)));
				}
			}
			if (intermediates.size() > MAX_CHAIN) {
				throw new MalformedForwardedCertificateException("Client-Cert-Chain is too long");
			}
			return withChain(leaf, intermediates);
		}

		private byte[] byteSequence(String member) {
			String trimmed = member.strip();
			if (trimmed.length() < 2 || trimmed.charAt(0) != ':' || trimmed.charAt(trimmed.length() - 1) != ':') {
				throw new MalformedForwardedCertificateException("not a structured-field byte sequence");
			}
			return ForwardedCertificateDecoding.base64(trimmed.substring(1, trimmed.length() - 1));
		}

	},

	/**
	 * AWS Application Load Balancer {@code X-Amzn-Mtls-Clientcert}: URL-encoded PEM of
	 * the leaf and its chain, with '+', '=' and '/' left unescaped.
	 */
	AWS_ALB("X-Amzn-Mtls-Clientcert", null) {

		@Override
		List<X509Certificate> parse(String value, @Nullable String chainValue,
				MtlsProxyProperties.XfccElement element) {
			return ForwardedCertificateDecoding.pem(ForwardedCertificateDecoding.percentDecode(value), MAX_CHAIN);
		}

	};

	static final int MAX_CHAIN = 10;

	private final String defaultHeader;

	private final @Nullable String defaultChainHeader;

	ForwardedCertificateFormat(String defaultHeader, @Nullable String defaultChainHeader) {
		this.defaultHeader = defaultHeader;
		this.defaultChainHeader = defaultChainHeader;
	}

	/**
	 * Return the header this format usually comes in.
	 */
	public String defaultHeader() {
		return this.defaultHeader;
	}

	/**
	 * Return the header that usually carries the chain, or {@code null}.
	 */
	public @Nullable String defaultChainHeader() {
		return this.defaultChainHeader;
	}

	/**
	 * Decode a header value.
	 * @param value the certificate header value
	 * @param chainValue the chain header value, or {@code null}
	 * @param element which XFCC element to use
	 * @return the chain, leaf first
	 * @throws MalformedForwardedCertificateException when the value cannot be used
	 */
	abstract List<X509Certificate> parse(String value, @Nullable String chainValue,
			MtlsProxyProperties.XfccElement element);

	private static List<X509Certificate> withChain(X509Certificate leaf, List<X509Certificate> intermediates) {
		List<X509Certificate> chain = new ArrayList<>(intermediates.size() + 1);
		chain.add(leaf);
		chain.addAll(intermediates);
		return chain;
	}

}
