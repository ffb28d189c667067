package dev.mtls.boot.proxy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.proxy.MtlsProxyProperties.XfccElement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every header format decoded from real certificates, and refused when malformed.
 */
class ForwardedCertificateFormatTests {

	private static final IssuedCertificate ROOT = CertificateBuilder.ca("CN=Root").issue();

	private static final IssuedCertificate INTERMEDIATE = CertificateBuilder.ca("CN=Intermediate")
		.issuedBy(ROOT)
		.issue();

	private static final IssuedCertificate LEAF = CertificateBuilder.endEntity("CN=alice")
		.clientAuth()
		.issuedBy(INTERMEDIATE)
		.issue();

	private static final IssuedCertificate OTHER = CertificateBuilder.endEntity("CN=bob")
		.clientAuth()
		.issuedBy(ROOT)
		.issue();

	@Test
	void xfccCertAndChain() {
		String value = "By=spiffe://cluster.local/ns/default/sa/app;Hash=" + LEAF.fingerprint().toUpperCase()
				+ ";Cert=\"" + urlEncode(LEAF.certificatePem()) + "\";Chain=\""
				+ urlEncode(LEAF.certificatePem() + INTERMEDIATE.certificatePem())
				+ "\";Subject=\"CN=admin\";URI=spiffe://evil;DNS=a;DNS=b";
		List<X509Certificate> chain = ForwardedCertificateFormat.XFCC.parse(value, null, XfccElement.ONLY);
		assertThat(chain).containsExactly(LEAF.certificate(), INTERMEDIATE.certificate());
	}

	@Test
	void xfccRefusesSeveralElementsUnlessOneIsChosen() {
		String value = "Cert=\"" + urlEncode(LEAF.certificatePem()) + "\",Cert=\"" + urlEncode(OTHER.certificatePem())
				+ "\"";
		assertThatExceptionOfType(MalformedForwardedCertificateException.class)
			.isThrownBy(() -> ForwardedCertificateFormat.XFCC.parse(value, null, XfccElement.ONLY))
			.withMessageContaining("2 elements");
		assertThat(ForwardedCertificateFormat.XFCC.parse(value, null, XfccElement.FIRST))
			.containsExactly(LEAF.certificate());
		assertThat(ForwardedCertificateFormat.XFCC.parse(value, null, XfccElement.LAST))
			.containsExactly(OTHER.certificate());
	}

	@Test
	void xfccRefusesDuplicateKeysHashMismatchAndForeignChain() {
		String cert = "Cert=\"" + urlEncode(LEAF.certificatePem()) + "\"";
		assertRefused(ForwardedCertificateFormat.XFCC, cert + ";" + cert, "repeats the key cert");
		assertRefused(ForwardedCertificateFormat.XFCC, "Hash=" + OTHER.fingerprint() + ";" + cert,
				"Hash does not match");
		assertRefused(ForwardedCertificateFormat.XFCC, cert + ";Chain=\"" + urlEncode(OTHER.certificatePem()) + "\"",
				"does not start with Cert");
		assertRefused(ForwardedCertificateFormat.XFCC, "Subject=\"CN=alice\";URI=x", "no Cert");
		assertRefused(ForwardedCertificateFormat.XFCC, "Cert=\"unterminated", "unterminated quote");
		assertRefused(ForwardedCertificateFormat.XFCC, "Cert=a\"b\"c", "misplaced quote");
	}

	@Test
	void pemUrlEncodedLeafAndChainHeader() {
		assertThat(ForwardedCertificateFormat.PEM_URLENCODED.parse(urlEncode(LEAF.certificatePem()),
				urlEncode(INTERMEDIATE.certificatePem()), XfccElement.ONLY))
			.containsExactly(LEAF.certificate(), INTERMEDIATE.certificate());
	}

	@Test
	void pemUrlEncodedRefusesSeveralCertificatesTruncatedPemAndBadEscapes() {
		assertRefused(ForwardedCertificateFormat.PEM_URLENCODED,
				urlEncode(LEAF.certificatePem() + OTHER.certificatePem()), "several certificates");
		String pem = LEAF.certificatePem();
		assertRefused(ForwardedCertificateFormat.PEM_URLENCODED, urlEncode(pem.substring(0, pem.length() / 2)),
				"truncated or unexpected PEM content");
		assertRefused(ForwardedCertificateFormat.PEM_URLENCODED, "%2", "truncated percent-encoding");
		assertRefused(ForwardedCertificateFormat.PEM_URLENCODED, "%zz", "invalid percent-encoding");
		assertRefused(ForwardedCertificateFormat.PEM_URLENCODED, urlEncode("junk" + pem), "unexpected content");
		assertRefused(ForwardedCertificateFormat.PEM_URLENCODED, urlEncode(LEAF.privateKeyPem()),
				"unexpected PEM content");
	}

	@Test
	void derBase64Leaf() throws Exception {
		String value = Base64.getEncoder().encodeToString(LEAF.certificate().getEncoded());
		assertThat(ForwardedCertificateFormat.DER_BASE64.parse(value, null, XfccElement.ONLY))
			.containsExactly(LEAF.certificate());
	}

	@Test
	void derBase64RefusesBadBase64TrailingBytesAndPem() throws Exception {
		assertRefused(ForwardedCertificateFormat.DER_BASE64, "not base64!", "invalid base64");
		byte[] der = LEAF.certificate().getEncoded();
		byte[] longer = java.util.Arrays.copyOf(der, der.length + 3);
		assertRefused(ForwardedCertificateFormat.DER_BASE64, Base64.getEncoder().encodeToString(longer),
				"unexpected bytes after");
		assertRefused(ForwardedCertificateFormat.DER_BASE64,
				Base64.getEncoder().encodeToString(LEAF.certificatePem().getBytes(StandardCharsets.US_ASCII)),
				"not a DER certificate");
		assertRefused(ForwardedCertificateFormat.DER_BASE64,
				Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(der, der.length / 2)), "not an X.509");
	}

	@Test
	void pemBase64Bundle() {
		String value = Base64.getEncoder()
			.encodeToString(
					(LEAF.certificatePem() + INTERMEDIATE.certificatePem()).getBytes(StandardCharsets.US_ASCII));
		assertThat(ForwardedCertificateFormat.PEM_BASE64.parse(value, null, XfccElement.ONLY))
			.containsExactly(LEAF.certificate(), INTERMEDIATE.certificate());
	}

	@Test
	void rfc9440ByteSequences() throws Exception {
		String leaf = ":" + Base64.getEncoder().encodeToString(LEAF.certificate().getEncoded()) + ":";
		String chain = ":" + Base64.getEncoder().encodeToString(INTERMEDIATE.certificate().getEncoded()) + ":, :"
				+ Base64.getEncoder().encodeToString(ROOT.certificate().getEncoded()) + ":";
		assertThat(ForwardedCertificateFormat.RFC9440.parse(leaf, chain, XfccElement.ONLY))
			.containsExactly(LEAF.certificate(), INTERMEDIATE.certificate(), ROOT.certificate());
		assertRefused(ForwardedCertificateFormat.RFC9440, leaf.substring(1), "byte sequence");
		assertRefused(ForwardedCertificateFormat.RFC9440, "::", "not a DER certificate");
	}

	@Test
	void awsAlbKeepsUnescapedPlusSigns() {
		String pem = LEAF.certificatePem() + INTERMEDIATE.certificatePem();
		// ALB leaves '+', '=' and '/' unescaped: a form decoder would turn '+' into ' '.
		String value = urlEncode(pem).replace("%2B", "+").replace("%3D", "=").replace("%2F", "/");
		assertThat(value).contains("+");
		assertThat(ForwardedCertificateFormat.AWS_ALB.parse(value, null, XfccElement.ONLY))
			.containsExactly(LEAF.certificate(), INTERMEDIATE.certificate());
	}

	@Test
	void controlCharactersOutsidePercentEncodingAreRefused() {
		assertRefused(ForwardedCertificateFormat.AWS_ALB, "-----BEGIN\nCERTIFICATE", "unexpected character");
	}

	private static void assertRefused(ForwardedCertificateFormat format, String value, String reason) {
		assertThatExceptionOfType(MalformedForwardedCertificateException.class)
			.isThrownBy(() -> format.parse(value, null, XfccElement.ONLY))
			.withMessageContaining(reason);
	}

	static String urlEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
