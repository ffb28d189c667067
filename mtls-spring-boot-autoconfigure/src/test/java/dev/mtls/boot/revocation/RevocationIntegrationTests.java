package dev.mtls.boot.revocation;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import dev.mtls.boot.testing.WebStack;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Revocation against a real CRL served over HTTP and a real OCSP responder on loopback.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(WebStack.class)
@ExtendWith(OutputCaptureExtension.class)
class RevocationIntegrationTests {

	@Parameter
	WebStack stack;

	@TempDir
	Path directory;

	@Test
	void crlRefusesRevokedAndAcceptsGoodCertificates() throws Exception {
		TestPki pki = new TestPki(this.directory);
		IssuedCertificate revoked = client(pki, "CN=revoked");
		try (RevocationServer services = new RevocationServer(pki.ca())) {
			services.revoke(revoked);
			try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.revocation.mode=crl",
					"mtls.revocation.crl=" + services.crlUrl())) {
				assertRefused(get(this.stack, app, pki, revoked), "certificate is revoked");
				assertThat(get(this.stack, app, pki, pki.client()).statusCode()).isEqualTo(200);
			}
		}
	}

	@Test
	void certificateAddedToCrlIsRefusedWithinOneRefreshPeriod() throws Exception {
		TestPki pki = new TestPki(this.directory);
		IssuedCertificate bob = client(pki, "CN=bob");
		try (RevocationServer services = new RevocationServer(pki.ca());
				ConfigurableApplicationContext app = start(this.stack, pki, "mtls.revocation.mode=crl",
						"mtls.revocation.crl=" + services.crlUrl(), "mtls.revocation.refresh-period=1s")) {
			assertThat(get(this.stack, app, pki, bob).statusCode()).isEqualTo(200);
			services.revoke(bob);
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertRefused(get(this.stack, app, pki, bob), "revoked"));
		}
	}

	@Test
	void ocspRefusesRevokedAndUnknownAcceptsGood() throws Exception {
		TestPki pki = new TestPki(this.directory);
		IssuedCertificate revoked = client(pki, "CN=revoked");
		IssuedCertificate unknown = client(pki, "CN=unknown");
		try (RevocationServer services = new RevocationServer(pki.ca());
				ConfigurableApplicationContext app = start(this.stack, pki, "mtls.revocation.mode=ocsp",
						"mtls.revocation.ocsp-responder=" + services.ocspUrl())) {
			services.revoke(revoked);
			services.markUnknown(unknown);
			assertRefused(get(this.stack, app, pki, revoked), "certificate is revoked");
			assertRefused(get(this.stack, app, pki, unknown), "revocation status cannot be determined");
			assertThat(get(this.stack, app, pki, pki.client()).statusCode()).isEqualTo(200);
			int requests = services.ocspRequests();
			assertThat(get(this.stack, app, pki, pki.client()).statusCode()).isEqualTo(200);
			assertThat(services.ocspRequests()).as("cached OCSP response").isEqualTo(requests);
		}
	}

	@Test
	void ocspResponderFromAuthorityInformationAccess() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (RevocationServer services = new RevocationServer(pki.ca())) {
			byte[] aia = new AuthorityInformationAccess(new AccessDescription(AccessDescription.id_ad_ocsp,
					new GeneralName(GeneralName.uniformResourceIdentifier, services.ocspUrl())))
				.getEncoded();
			IssuedCertificate withAia = CertificateBuilder.endEntity("CN=aia")
				.clientAuth()
				.extension("1.3.6.1.5.5.7.1.1", false, aia)
				.issuedBy(pki.ca())
				.issue();
			IssuedCertificate revokedWithAia = CertificateBuilder.endEntity("CN=aia-revoked")
				.clientAuth()
				.extension("1.3.6.1.5.5.7.1.1", false, aia)
				.issuedBy(pki.ca())
				.issue();
			services.revoke(revokedWithAia);
			try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.revocation.mode=ocsp")) {
				assertThat(get(this.stack, app, pki, withAia).statusCode()).isEqualTo(200);
				assertRefused(get(this.stack, app, pki, revokedWithAia), "revoked");
				assertRefused(get(this.stack, app, pki, pki.client()), "revocation status cannot be determined");
			}
		}
	}

	@Test
	void responderDownFailsHardByDefaultAndSoftWhenConfigured(CapturedOutput output) throws Exception {
		TestPki pki = new TestPki(this.directory);
		String down = "mtls.revocation.ocsp-responder=http://127.0.0.1:1/ocsp";
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.revocation.mode=ocsp", down,
				"mtls.revocation.timeout=2s")) {
			assertRefused(get(this.stack, app, pki, pki.client()), "revocation status cannot be determined");
		}
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.revocation.mode=ocsp", down,
				"mtls.revocation.timeout=2s", "mtls.revocation.soft-fail=true")) {
			assertThat(get(this.stack, app, pki, pki.client()).statusCode()).isEqualTo(200);
			assertThat(output).contains("accepted because mtls.revocation.soft-fail=true");
		}
	}

	@Test
	void ocspThenCrlFallsBackToCrlWhenResponderIsDown() throws Exception {
		TestPki pki = new TestPki(this.directory);
		IssuedCertificate revoked = client(pki, "CN=revoked");
		try (RevocationServer services = new RevocationServer(pki.ca())) {
			services.revoke(revoked);
			try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.revocation.mode=ocsp-then-crl",
					"mtls.revocation.ocsp-responder=http://127.0.0.1:1/ocsp", "mtls.revocation.timeout=2s",
					"mtls.revocation.crl=" + services.crlUrl())) {
				assertRefused(get(this.stack, app, pki, revoked), "revoked");
				assertThat(get(this.stack, app, pki, pki.client()).statusCode()).isEqualTo(200);
			}
		}
	}

	@Test
	void crlFromFileAndMissingCrlFailHard(CapturedOutput output) throws Exception {
		TestPki pki = new TestPki(this.directory);
		IssuedCertificate revoked = client(pki, "CN=revoked");
		try (RevocationServer services = new RevocationServer(pki.ca())) {
			services.revoke(revoked);
			java.nio.file.Files.write(this.directory.resolve("ca.crl"), services.crl());
		}
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.revocation.mode=crl",
				"mtls.revocation.crl=file:" + this.directory.resolve("ca.crl"))) {
			assertRefused(get(this.stack, app, pki, revoked), "revoked");
			assertThat(get(this.stack, app, pki, pki.client()).statusCode()).isEqualTo(200);
		}
		try (ConfigurableApplicationContext app = start(this.stack, pki, "mtls.revocation.mode=crl",
				"mtls.revocation.crl=file:" + this.directory.resolve("missing.crl"))) {
			assertRefused(get(this.stack, app, pki, pki.client()), "revocation status cannot be determined");
			assertThat(output).contains("No CRL could be read from file:", "missing.crl at startup");
		}
	}

	@Test
	void crlDistributionPointsAloneTurnCrlCheckingOn() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (RevocationServer services = new RevocationServer(pki.ca())) {
			byte[] distributionPoint = new CRLDistPoint(
					new DistributionPoint[] { new DistributionPoint(
							new DistributionPointName(new GeneralNames(
									new GeneralName(GeneralName.uniformResourceIdentifier, services.crlUrl()))),
							null, null) })
				.getEncoded();
			IssuedCertificate good = CertificateBuilder.endEntity("CN=good-dp")
				.clientAuth()
				.extension(Extension.cRLDistributionPoints.getId(), false, distributionPoint)
				.issuedBy(pki.ca())
				.issue();
			IssuedCertificate revoked = CertificateBuilder.endEntity("CN=revoked-dp")
				.clientAuth()
				.extension(Extension.cRLDistributionPoints.getId(), false, distributionPoint)
				.issuedBy(pki.ca())
				.issue();
			services.revoke(revoked);
			try (ConfigurableApplicationContext app = start(this.stack, pki,
					"mtls.revocation.use-crl-distribution-points=true")) {
				assertThat(get(this.stack, app, pki, good).statusCode()).isEqualTo(200);
				assertRefused(get(this.stack, app, pki, revoked), "certificate is revoked");
				// Named no distribution point: no CRL covers it.
				assertRefused(get(this.stack, app, pki, pki.client()), "revocation status cannot be determined");
			}
		}
	}

	static IssuedCertificate client(TestPki pki, String subject) {
		return CertificateBuilder.endEntity(subject).clientAuth().issuedBy(pki.ca()).issue();
	}

	static void assertRefused(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(JsonPath.parse(response.body()).read("$.detail", String.class)).contains(reason);
	}

	static ConfigurableApplicationContext start(TestPki pki, String... properties) {
		String[] all = Stream.concat(Stream.of(pki.pemServerProperties()), Stream.of(properties))
			.toArray(String[]::new);
		return TestServerApplication.runSecured(new Class<?>[] { RevocationTestApplication.class }, all);
	}

	static ConfigurableApplicationContext start(WebStack stack, TestPki pki, String... properties) {
		return TestServerApplication.runSecured(stack, new Class<?>[] { RevocationTestApplication.class }, pki, "need",
				properties);
	}

	static HttpResponse<String> get(ConfigurableApplicationContext app, TestPki pki, IssuedCertificate client)
			throws Exception {
		return get(WebStack.SERVLET, app, pki, client);
	}

	static HttpResponse<String> get(WebStack stack, ConfigurableApplicationContext app, TestPki pki,
			IssuedCertificate client) throws Exception {
		return MtlsClient.of(client, pki.ca())
			.get("https://localhost:" + TestServerApplication.securePort(stack, app) + "/whoami");
	}

}
