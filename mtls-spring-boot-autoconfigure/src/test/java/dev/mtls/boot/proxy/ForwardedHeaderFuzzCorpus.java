package dev.mtls.boot.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;

/**
 * Writes the seed corpus of {@link ForwardedHeaderFuzzTests}: one valid header per format
 * (with a chain where the format has one), issued afresh. Run its {@code main} from the
 * module directory to regenerate.
 */
final class ForwardedHeaderFuzzCorpus {

	static final Path DIRECTORY = Path
		.of("src/test/resources/dev/mtls/boot/proxy/ForwardedHeaderFuzzTestsInputs/headerParsersOnlyAcceptOrRefuse");

	private ForwardedHeaderFuzzCorpus() {
	}

	public static void main(String[] args) throws Exception {
		IssuedCertificate ca = CertificateBuilder.ca("CN=Fuzz CA").issue();
		IssuedCertificate intermediate = CertificateBuilder.ca("CN=Fuzz Intermediate").issuedBy(ca).issue();
		IssuedCertificate leaf = CertificateBuilder.endEntity("CN=fuzz").clientAuth().issuedBy(intermediate).issue();
		String leafPem = leaf.certificatePem();
		String chainPem = intermediate.certificatePem();
		String der = Base64.getEncoder().encodeToString(leaf.certificate().getEncoded());
		Files.createDirectories(DIRECTORY);
		write(ForwardedCertificateFormat.XFCC, "Hash=" + leaf.fingerprint() + ";Cert=\"" + escape(leafPem)
				+ "\";Chain=\"" + escape(leafPem + chainPem) + "\";Subject=\"CN=fuzz\";URI=spiffe://a/b;DNS=x", null);
		write(ForwardedCertificateFormat.PEM_URLENCODED, escape(leafPem), escape(chainPem));
		write(ForwardedCertificateFormat.DER_BASE64, der, null);
		write(ForwardedCertificateFormat.PEM_BASE64,
				Base64.getEncoder().encodeToString((leafPem + chainPem).getBytes(StandardCharsets.US_ASCII)), null);
		write(ForwardedCertificateFormat.RFC9440, ":" + der + ":",
				":" + Base64.getEncoder().encodeToString(intermediate.certificate().getEncoded()) + ":");
		write(ForwardedCertificateFormat.AWS_ALB,
				escape(leafPem + chainPem).replace("%2B", "+").replace("%3D", "=").replace("%2F", "/"), null);
	}

	private static void write(ForwardedCertificateFormat format, String value, String chainValue) throws IOException {
		byte[] text = ((chainValue != null) ? value + "\n" + chainValue : value).getBytes(StandardCharsets.ISO_8859_1);
		byte[] input = new byte[text.length + 1];
		input[0] = (byte) format.ordinal();
		System.arraycopy(text, 0, input, 1, text.length);
		Files.write(DIRECTORY.resolve(format.name().toLowerCase(java.util.Locale.ROOT)), input);
	}

	private static String escape(String value) {
		return ForwardedCertificateFormatTests.urlEncode(value);
	}

}
