package dev.mtls.boot.client;

import dev.mtls.boot.testing.TestPki;

/**
 * Properties of a named client whose PEM identity and the test CA live in a
 * {@link TestPki} directory.
 */
final class MtlsClientIntegrationTestsSupport {

	private MtlsClientIntegrationTestsSupport() {
	}

	static String[] named(TestPki pki, String name, String identity) {
		String prefix = "mtls.clients." + name + ".";
		return new String[] { prefix + "base-url=https://localhost:1",
				prefix + "keystore.certificate=" + pki.location(identity + ".crt"),
				prefix + "keystore.private-key=" + pki.location(identity + ".key"),
				prefix + "truststore.certificate=" + pki.location("ca.crt") };
	}

}
