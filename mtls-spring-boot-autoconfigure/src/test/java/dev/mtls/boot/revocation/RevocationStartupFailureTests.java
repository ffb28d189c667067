package dev.mtls.boot.revocation;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.mtls.boot.pki.MtlsFailureAnalysis;
import dev.mtls.boot.pki.MtlsMaterialException;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Revocation settings that would read as a check without doing one stop the application
 * at startup, with a report that names the property.
 */
class RevocationStartupFailureTests {

	@TempDir
	Path directory;

	private TestPki pki;

	private String crl;

	@BeforeEach
	void issue() {
		this.pki = new TestPki(this.directory);
		this.crl = TestCrl.of(this.pki.ca()).write(this.directory.resolve("ca.crl"));
	}

	@Test
	void refusesModeNoneWithACrlLocation() {
		FailureAnalysis analysis = assertStartupFailure("mtls.revocation.mode",
				withTls("mtls.revocation.mode=none", "mtls.revocation.crl=" + this.crl));
		assertThat(analysis.getDescription()).contains("'none' turns revocation checking off",
				"mtls.revocation.crl names a revocation source");
	}

	@Test
	void refusesModeNoneWithAnOcspResponder() {
		assertStartupFailure("mtls.revocation.mode",
				withTls("mtls.revocation.mode=none", "mtls.revocation.ocsp-responder=http://127.0.0.1:1/ocsp"));
	}

	@Test
	void refusesCrlModeWithoutAnyCrl() {
		FailureAnalysis analysis = assertStartupFailure("mtls.revocation.crl", withTls("mtls.revocation.mode=crl"));
		assertThat(analysis.getDescription()).contains("no CRL is configured");
		assertThat(analysis.getAction()).contains("mtls.revocation.use-crl-distribution-points=true");
	}

	@Test
	void refusesOcspThenCrlModeWithoutAnyCrl() {
		assertStartupFailure("mtls.revocation.crl", withTls("mtls.revocation.mode=ocsp-then-crl",
				"mtls.revocation.ocsp-responder=http://127.0.0.1:1/ocsp"));
	}

	@Test
	void refusesOutboundCheckingWithoutAnyRevocationSource() {
		assertStartupFailure("mtls.revocation.check-outbound", withTls("mtls.revocation.check-outbound=true"));
	}

	@Test
	void refusesDeltaCrl() {
		String delta = TestCrl.of(this.pki.ca())
			.number(2)
			.delta(BigInteger.ONE)
			.write(this.directory.resolve("delta.crl"));
		FailureAnalysis analysis = assertStartupFailure("mtls.revocation.crl", withTls("mtls.revocation.crl=" + delta));
		assertThat(analysis.getDescription()).contains("delta CRL", "does not apply delta CRLs");
		assertThat(analysis.getAction()).contains("complete (base) CRL");
	}

	@Test
	void refusesUnreadableCrlSigners() {
		assertStartupFailure("mtls.revocation.crl-signers", withTls("mtls.revocation.crl=" + this.crl,
				"mtls.revocation.crl-signers=" + this.pki.write("not-a-certificate.pem", "hello")));
	}

	@Test
	void refusesRevocationWithoutTrustAnchors() {
		// Behind a proxy that is trusted to validate chains, with no trust store: nothing
		// to check revocation against.
		FailureAnalysis analysis = assertStartupFailure("mtls.server.truststore", "mtls.server.enabled=false",
				"mtls.proxy.enabled=true", "mtls.proxy.trusted-proxies=127.0.0.1", "mtls.proxy.revalidate=false",
				"mtls.revocation.crl=" + this.crl);
		assertThat(analysis.getDescription()).contains("no certificate could ever be checked");
	}

	private String[] withTls(String... properties) {
		return Stream.concat(Stream.of(this.pki.pemServerProperties()), Stream.of(properties)).toArray(String[]::new);
	}

	private static FailureAnalysis assertStartupFailure(String property, String... properties) {
		Throwable thrown = catchThrowable(
				() -> TestServerApplication.runSecured(new Class<?>[] { RevocationTestApplication.class }, properties)
					.close());
		assertThat(thrown).as("startup failure").isNotNull();
		MtlsMaterialException exception = null;
		for (Throwable candidate = thrown; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof MtlsMaterialException material) {
				exception = material;
			}
		}
		assertThat(exception).as("MtlsMaterialException in the cause chain of %s", thrown).isNotNull();
		assertThat(exception.getProperty()).isEqualTo(property);
		FailureAnalysis analysis = MtlsFailureAnalysis.analyze(thrown);
		assertThat(analysis.getDescription()).contains("Property: " + property);
		return analysis;
	}

}
