package dev.mtls.boot.proxy;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.mtls.boot.proxy.MtlsProxyProperties.XfccElement;

/**
 * Fuzzes every forwarded-certificate header parser: whatever the bytes, a parser returns
 * a chain or refuses with {@link MalformedForwardedCertificateException}; any other
 * exception, a hang or an out-of-memory is a bug. The input's first byte picks the format
 * and XFCC element rule; the rest is the header value, then after a newline the chain
 * header value. The seed corpus is in
 * {@code src/test/resources/dev/mtls/boot/proxy/ForwardedHeaderFuzzTestsInputs}
 * (regenerate it with {@link ForwardedHeaderFuzzCorpus}).
 */
class ForwardedHeaderFuzzTests {

	private static final ForwardedCertificateFormat[] FORMATS = ForwardedCertificateFormat.values();

	@FuzzTest(maxDuration = "60s")
	void headerParsersOnlyAcceptOrRefuse(byte[] input) {
		if (input.length == 0) {
			return;
		}
		int selector = input[0] & 0xFF;
		ForwardedCertificateFormat format = FORMATS[selector % FORMATS.length];
		XfccElement element = XfccElement.values()[(selector / FORMATS.length) % XfccElement.values().length];
		String text = new String(input, 1, input.length - 1, StandardCharsets.ISO_8859_1);
		int newline = text.indexOf('\n');
		String value = (newline >= 0) ? text.substring(0, newline) : text;
		String chainValue = (newline >= 0) ? text.substring(newline + 1) : null;
		try {
			format.parse(value, chainValue, element);
		}
		catch (MalformedForwardedCertificateException expected) {
			// Refusing is the only acceptable failure.
		}
	}

}
