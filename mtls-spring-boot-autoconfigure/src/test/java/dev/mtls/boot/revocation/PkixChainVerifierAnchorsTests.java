package dev.mtls.boot.revocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import dev.mtls.boot.auth.CertificateRejectedException;
import dev.mtls.boot.pki.ClientTrustAnchors;
import dev.mtls.boot.pki.TrustMaterialLoader;
import dev.mtls.boot.pki.TrustStoreProperties;
import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Per-request re-validation reads the client CAs in force at the time of the request: an
 * update of {@link ClientTrustAnchors} reaches it at once, and anchors emptied by a
 * reload refuse every chain.
 */
class PkixChainVerifierAnchorsTests {

	@TempDir
	Path directory;

	@Test
	void followsTheAnchorsInForce() throws Exception {
		TestPki pki = new TestPki(this.directory.resolve("pki"));
		Path trusted = Files.createDirectories(this.directory.resolve("trusted"));
		Files.copy(pki.path("ca.crt"), trusted.resolve("ca.crt"));
		TrustMaterialLoader loader = new TrustMaterialLoader(new DefaultResourceLoader());
		TrustStoreProperties properties = new TrustStoreProperties();
		properties.setCertificate("file:" + trusted + "/");
		ClientTrustAnchors anchors = new ClientTrustAnchors("mtls.server.truststore",
				loader.load("mtls.server.truststore", properties).trustStore());
		PkixChainVerifier verifier = verifier(anchors);
		assertThatNoException().isThrownBy(() -> verifier.verify(pki.client().chain()));
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> verifier.verify(pki.untrustedClient().chain()))
			.withMessage("certificate is no longer trusted (no_trust_anchor)");

		Files.copy(pki.path("other-ca.crt"), trusted.resolve("other-ca.crt"));
		Files.delete(trusted.resolve("ca.crt"));
		anchors.update(loader.reload("mtls.server.truststore", properties).trustStore());
		assertThatNoException().isThrownBy(() -> verifier.verify(pki.untrustedClient().chain()));
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> verifier.verify(pki.client().chain()))
			.withMessageStartingWith("certificate is no longer trusted");

		Files.delete(trusted.resolve("other-ca.crt"));
		anchors.update(loader.reload("mtls.server.truststore", properties).trustStore());
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> verifier.verify(pki.untrustedClient().chain()))
			.withMessage("no client CA is trusted (mtls.server.truststore holds no certificate)");
	}

	private static PkixChainVerifier verifier(ClientTrustAnchors anchors) {
		MtlsRevocationProperties properties = new MtlsRevocationProperties();
		RevocationFetcher fetcher = new RevocationFetcher(properties.getTimeout(),
				properties.getMaxDownloadSize().toBytes());
		Clock clock = Clock.systemUTC();
		return new PkixChainVerifier(anchors, properties,
				new CrlSource(properties, new DefaultResourceLoader(), fetcher, clock),
				new OcspResponses(properties, fetcher, clock), List.of(), List.of(), clock);
	}

}
