package dev.mtls.boot.proxy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict decoding of certificate header values: percent-encoding (with '+' kept
 * literally, as nginx, Envoy and AWS ALB send it), Base64, PEM blocks and DER. Anything
 * unexpected is refused rather than repaired.
 */
final class ForwardedCertificateDecoding {

	private static final Pattern PEM_BLOCK = Pattern
		.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

	private static final Pattern BEGIN = Pattern.compile("-----BEGIN ");

	private ForwardedCertificateDecoding() {
	}

	/**
	 * Decode {@code %XX} escapes; every other character stands for itself ('+' is not a
	 * space).
	 */
	static String percentDecode(String value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '%') {
				if (i + 2 >= value.length()) {
					throw new MalformedForwardedCertificateException("truncated percent-encoding");
				}
				int high = Character.digit(value.charAt(i + 1), 16);
				int low = Character.digit(value.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					throw new MalformedForwardedCertificateException("invalid percent-encoding");
				}
				out.write((high << 4) | low);
				i += 2;
			}
			else if (c > 0x7E || c < 0x20) {
				throw new MalformedForwardedCertificateException("unexpected character in encoded certificate");
			}
			else {
				out.write(c);
			}
		}
		return out.toString(StandardCharsets.US_ASCII);
	}

	static byte[] base64(String value) {
		try {
			return Base64.getDecoder().decode(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedForwardedCertificateException("invalid base64");
		}
	}

	/**
	 * Parse PEM text holding only CERTIFICATE blocks.
	 * @param pem the text
	 * @param maxCertificates how many certificates are acceptable
	 * @return the certificates in order, at least one
	 */
	static List<X509Certificate> pem(String pem, int maxCertificates) {
		Matcher blocks = PEM_BLOCK.matcher(pem);
		List<X509Certificate> certificates = new ArrayList<>();
		int end = 0;
		while (blocks.find()) {
			if (!pem.substring(end, blocks.start()).isBlank()) {
				throw new MalformedForwardedCertificateException("unexpected content between PEM blocks");
			}
			byte[] der;
			try {
				der = Base64.getMimeDecoder().decode(blocks.group(1).replaceAll("\\s", ""));
			}
			catch (IllegalArgumentException ex) {
				throw new MalformedForwardedCertificateException("invalid base64 in PEM block");
			}
			certificates.add(der(der));
			end = blocks.end();
		}
		if (!pem.substring(end).isBlank()) {
			throw new MalformedForwardedCertificateException("truncated or unexpected PEM content");
		}
		Matcher begins = BEGIN.matcher(pem);
		int blocksSeen = 0;
		while (begins.find()) {
			blocksSeen++;
		}
		if (certificates.isEmpty() || blocksSeen != certificates.size()) {
			throw new MalformedForwardedCertificateException("no complete PEM certificate");
		}
		if (certificates.size() > maxCertificates) {
			throw new MalformedForwardedCertificateException(
					"several certificates where " + maxCertificates + " was expected");
		}
		return certificates;
	}

	/**
	 * Parse exactly one DER certificate, with nothing after it.
	 */
	static X509Certificate der(byte[] der) {
		// The JDK's factory would also take PEM or PKCS#7 here; only a DER SEQUENCE is
		// expected.
		if (der.length == 0 || der[0] != 0x30) {
			throw new MalformedForwardedCertificateException("not a DER certificate");
		}
		try {
			ByteArrayInputStream in = new ByteArrayInputStream(der);
			X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(in);
			if (in.available() > 0) {
				throw new MalformedForwardedCertificateException("unexpected bytes after the certificate");
			}
			return certificate;
		}
		catch (CertificateException | ClassCastException ex) {
			throw new MalformedForwardedCertificateException("not an X.509 certificate");
		}
	}

}
