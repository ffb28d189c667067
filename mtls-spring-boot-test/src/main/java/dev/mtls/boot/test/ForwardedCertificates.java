package dev.mtls.boot.test;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.proxy.ForwardedCertificateFormat;

/**
 * Header values a TLS-terminating proxy sends for a client certificate, encoded exactly
 * as that proxy encodes them: for testing an application that runs with
 * {@code mtls.proxy.enabled=true}. Percent-encoding follows RFC 3986 ({@code %20} for a
 * space; {@code URLEncoder}'s {@code +} is form encoding, which no proxy sends and which
 * breaks the PEM header line).
 */
public final class ForwardedCertificates {

	private ForwardedCertificates() {
	}

	/**
	 * Return the headers that carry {@code identity} in {@code format}, under the
	 * format's default header names ({@link ForwardedCertificateFormat#defaultHeader()}
	 * and, for a chain, {@link ForwardedCertificateFormat#defaultChainHeader()}).
	 * Intermediates travel where the format has room for them; the self-signed root never
	 * does.
	 * @param format the proxy's format
	 * @param identity the client certificate
	 * @return header names and values
	 */
	public static Map<String, String> headers(ForwardedCertificateFormat format, IssuedCertificate identity) {
		return headers(format, identity, format.defaultHeader());
	}

	/**
	 * Return the headers that carry {@code identity} in {@code format}, the certificate
	 * under {@code header} (the application's {@code mtls.proxy.header}).
	 * @param format the proxy's format
	 * @param identity the client certificate
	 * @param header the certificate header's name
	 * @return header names and values
	 */
	public static Map<String, String> headers(ForwardedCertificateFormat format, IssuedCertificate identity,
			String header) {
		X509Certificate leaf = identity.certificate();
		List<X509Certificate> intermediates = identity.chain()
			.stream()
			.filter((cert) -> cert != leaf && !cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
			.toList();
		Map<String, String> headers = new LinkedHashMap<>();
		switch (format) {
			case XFCC -> {
				// Envoy: Hash, then Cert and Chain (leaf first) as quoted URL-encoded
				// PEM.
				StringBuilder value = new StringBuilder("Hash=").append(identity.fingerprint())
					.append(";Cert=\"")
					.append(percentEncode(IssuedCertificate.pem(List.of(leaf)), ""))
					.append('"');
				if (!intermediates.isEmpty()) {
					value.append(";Chain=\"").append(percentEncode(identity.chainPem(), "")).append('"');
				}
				headers.put(header, value.toString());
			}
			// nginx $ssl_client_escaped_cert: the leaf.
			case PEM_URLENCODED -> headers.put(header, percentEncode(IssuedCertificate.pem(List.of(leaf)), ""));
			// HAProxy %[ssl_c_der,base64], Traefik, Azure, Cloudflare: the leaf.
			case DER_BASE64 -> headers.put(header, base64(der(leaf)));
			// WSO2: base64 of the PEM text, leaf first.
			case PEM_BASE64 -> headers.put(header, base64(identity.chainPem().getBytes(StandardCharsets.US_ASCII)));
			case RFC9440 -> {
				headers.put(header, ":" + base64(der(leaf)) + ":");
				if (!intermediates.isEmpty()) {
					headers.put(format.defaultChainHeader(),
							intermediates.stream()
								.map((cert) -> ":" + base64(der(cert)) + ":")
								.collect(Collectors.joining(", ")));
				}
			}
			// AWS ALB: URL-encoded PEM of leaf and chain, with '+', '=' and '/'
			// unescaped.
			case AWS_ALB -> headers.put(header, percentEncode(identity.chainPem(), "+=/"));
		}
		return headers;
	}

	/**
	 * Percent-encode every byte except RFC 3986 unreserved characters and {@code keep}.
	 */
	static String percentEncode(String value, String keep) {
		StringBuilder encoded = new StringBuilder(value.length() * 3 / 2);
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0
					|| keep.indexOf(c) >= 0) {
				encoded.append(c);
			}
			else {
				encoded.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
			}
		}
		return encoded.toString();
	}

	private static byte[] der(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

}
