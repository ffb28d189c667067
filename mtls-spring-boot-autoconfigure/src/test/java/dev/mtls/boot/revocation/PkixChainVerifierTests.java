package dev.mtls.boot.revocation;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.mtls.boot.auth.CertificateRejectedException;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.pki.ClientTrustAnchors;
import dev.mtls.boot.pki.MtlsMaterialException;
import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * The decisions of {@link PkixChainVerifier} that need no server: trust anchors that
 * disappear, verdicts that must follow a new CRL, CRL freshness.
 */
@ExtendWith(OutputCaptureExtension.class)
class PkixChainVerifierTests {

	@TempDir
	Path directory;

	private TestPki pki;

	private PkixChainVerifier verifier;

	@BeforeEach
	void issue() {
		this.pki = new TestPki(this.directory);
	}

	@AfterEach
	void close() {
		if (this.verifier != null) {
			this.verifier.close();
		}
	}

	@Test
	void keepsThePreviousAnchorsWhenTheTrustStoreCannotBeReadAnymore() throws Exception {
		ClientTrustAnchors anchors = anchors(trustStore(this.pki.ca()));
		this.verifier = verifier(anchors, new MtlsRevocationProperties());
		this.verifier.verify(this.pki.client().chain());
		// A key store that was never loaded cannot be read.
		KeyStore unreadable = KeyStore.getInstance("PKCS12");
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(() -> anchors.update(unreadable))
			.withMessageContaining("cannot be listed");
		assertThatNoException().isThrownBy(() -> this.verifier.verify(this.pki.client().chain()));
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> this.verifier.verify(this.pki.untrustedClient().chain()));
	}

	@Test
	void refusesEveryChainWhenTheTrustStoreHoldsNoCertificate() throws Exception {
		KeyStore empty = KeyStore.getInstance("PKCS12");
		empty.load(null, null);
		this.verifier = verifier(anchors(empty), new MtlsRevocationProperties());
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> this.verifier.verify(this.pki.client().chain()));
	}

	@Test
	void withoutAnyTrustStorePassesOnlyWhenNoRevocationIsChecked() {
		this.verifier = verifier(anchors(null), new MtlsRevocationProperties());
		assertThatNoException().isThrownBy(() -> this.verifier.verify(this.pki.client().chain()));
		this.verifier.close();
		MtlsRevocationProperties crl = new MtlsRevocationProperties();
		crl.setCrl(List.of(TestCrl.of(this.pki.ca()).write(this.directory.resolve("ca.crl"))));
		this.verifier = verifier(anchors(null), crl);
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> this.verifier.verify(this.pki.client().chain()))
			.withMessageContaining("no trust anchors");
	}

	@Test
	void aRememberedVerdictEndsWhenTheCrlChanges(CapturedOutput output) {
		Path file = this.directory.resolve("ca.crl");
		MtlsRevocationProperties properties = new MtlsRevocationProperties();
		properties.setCrl(List.of(TestCrl.of(this.pki.ca()).number(7).write(file)));
		properties.setRefreshPeriod(Duration.ofMillis(200));
		KeyStore store = trustStore(this.pki.ca());
		this.verifier = verifier(anchors(store), properties);
		this.verifier.verify(this.pki.client().chain());
		this.verifier.verify(this.pki.client().chain());
		assertThat(output).containsOnlyOnce("number 7").contains("Loaded CRL from file:", "nextUpdate");
		TestCrl.of(this.pki.ca()).number(8).revoke(this.pki.client()).write(file);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThatExceptionOfType(CertificateRejectedException.class)
				.isThrownBy(() -> this.verifier.verify(this.pki.client().chain()))
				.withMessage("certificate is revoked"));
		assertThat(output).contains("number 8");
	}

	@Test
	void reportsACrlPastItsNextUpdate(CapturedOutput output) {
		MtlsRevocationProperties properties = new MtlsRevocationProperties();
		properties.setCrl(List.of(TestCrl.of(this.pki.ca())
			.thisUpdate(Instant.now().minus(Duration.ofDays(2)))
			.nextUpdate(Instant.now().minus(Duration.ofDays(1)))
			.write(this.directory.resolve("stale.crl"))));
		KeyStore store = trustStore(this.pki.ca());
		this.verifier = verifier(anchors(store), properties);
		assertThat(this.verifier.getStaleCrls()).singleElement().asString().contains("is past its nextUpdate");
		assertThat(output).contains("is past its nextUpdate");
		// The JDK no longer uses it: hard-fail refuses.
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> this.verifier.verify(this.pki.client().chain()))
			.withMessageContaining("revocation status cannot be determined");
	}

	@Test
	void aFreshCrlWithinTheGraceIsNotReportedStale() {
		MtlsRevocationProperties properties = new MtlsRevocationProperties();
		properties.setCrl(List.of(TestCrl.of(this.pki.ca())
			.thisUpdate(Instant.now().minus(Duration.ofDays(2)))
			.nextUpdate(Instant.now().minus(Duration.ofMinutes(1)))
			.write(this.directory.resolve("late.crl"))));
		properties.setCrlNextUpdateGrace(Duration.ofMinutes(10));
		KeyStore store = trustStore(this.pki.ca());
		this.verifier = verifier(anchors(store), properties);
		this.verifier.verify(this.pki.client().chain());
		assertThat(this.verifier.getStaleCrls()).isEmpty();
	}

	private static ClientTrustAnchors anchors(KeyStore trustStore) {
		return new ClientTrustAnchors("mtls.server.truststore", trustStore);
	}

	private static PkixChainVerifier verifier(ClientTrustAnchors trustStore, MtlsRevocationProperties properties) {
		RevocationFetcher fetcher = new RevocationFetcher(properties.getTimeout(),
				properties.getMaxDownloadSize().toBytes());
		Clock clock = Clock.systemUTC();
		CrlSource crls = new CrlSource(properties, new DefaultResourceLoader(), fetcher, clock);
		PkixChainVerifier verifier = new PkixChainVerifier(trustStore, properties, crls,
				new OcspResponses(properties, fetcher, clock), List.of(), List.of(), clock);
		crls.readConfigured();
		return verifier;
	}

	static KeyStore trustStore(IssuedCertificate... certificates) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			for (IssuedCertificate certificate : certificates) {
				store.setCertificateEntry(certificate.certificate().getSubjectX500Principal().getName(),
						certificate.certificate());
			}
			return store;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static IssuedCertificate client(IssuedCertificate issuer, String subject) {
		return CertificateBuilder.endEntity(subject).clientAuth().issuedBy(issuer).issue();
	}

}
