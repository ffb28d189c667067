package dev.mtls.boot.auth;

import java.nio.file.Path;
import java.util.List;

import dev.mtls.boot.pki.MtlsMaterialException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code mtls.auth.spiffe-trust-domains}: SPIFFE IDs of other trust domains are refused
 * with 401 even when the trust store vouches for their certificate.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpiffeTrustDomainIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void spiffeIdFromTrustDomainOutsideTheAllowListGets401(CapturedOutput output) throws Exception {
		try (AuthFixture app = AuthFixture.start(this.directory, "mtls.auth.principal=spiffe-id",
				"mtls.auth.spiffe-trust-domains=prod.example.org,shared.example.org")) {
			assertThat(app.get(app.client("CN=api").uris("spiffe://prod.example.org/ns/api").issue(), "/api/whoami")
				.statusCode()).isEqualTo(200);
			PrincipalSourceIntegrationTests.assertRefused(
					app.get(app.client("CN=api").uris("spiffe://staging.example.org/ns/api").issue(), "/api/whoami"),
					"SPIFFE trust domain 'staging.example.org' is not in mtls.auth.spiffe-trust-domains");
			// A look-alike trust domain is another trust domain
			PrincipalSourceIntegrationTests.assertRefused(app
				.get(app.client("CN=api").uris("spiffe://prod.example.org.evil.net/ns/api").issue(), "/api/whoami"),
					"is not in mtls.auth.spiffe-trust-domains");
			// The log names the workload by its SPIFFE ID, not only by its subject
			assertThat(output).contains("Refused client certificate [subject='CN=api', "
					+ "uri='spiffe://staging.example.org/ns/api', issuer=");
		}
	}

	@Test
	void trustDomainsWithAnotherPrincipalSourceRefuseStartup() {
		MtlsAuthProperties properties = new MtlsAuthProperties();
		properties.setSpiffeTrustDomains(List.of("prod.example.org"));
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(() -> new ClientCertificatePolicy(properties))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("mtls.auth.spiffe-trust-domains"))
			.withMessageContaining("mtls.auth.principal is 'cn'");
	}

	@Test
	void trustDomainThatIsAnIdRefusesStartup() {
		MtlsAuthProperties properties = new MtlsAuthProperties();
		properties.setPrincipal("spiffe-id");
		properties.setSpiffeTrustDomains(List.of("spiffe://prod.example.org"));
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(() -> new ClientCertificatePolicy(properties))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("mtls.auth.spiffe-trust-domains"))
			.withMessageContaining("invalid trust domain(s) [spiffe://prod.example.org]");
	}

}
