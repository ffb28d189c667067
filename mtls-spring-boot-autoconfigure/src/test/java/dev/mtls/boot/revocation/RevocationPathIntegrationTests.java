package dev.mtls.boot.revocation;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.mtls.boot.revocation.RevocationIntegrationTests.assertRefused;
import static dev.mtls.boot.revocation.RevocationIntegrationTests.get;
import static dev.mtls.boot.revocation.RevocationIntegrationTests.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation of the whole path and CRLs signed by another key than the certificate's,
 * over real TLS and through the proxy path (a forwarded certificate header from a trusted
 * proxy on loopback). Every PKI is built with Bouncy Castle in the test.
 */
@ExtendWith(OutputCaptureExtension.class)
class RevocationPathIntegrationTests {

	private static final String AUTHORITY_INFO_ACCESS = "1.3.6.1.5.5.7.1.1";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@TempDir
	Path directory;

	private TestPki pki;

	@BeforeEach
	void issue() {
		this.pki = new TestPki(this.directory);
	}

	@Test
	void crlLocationAloneTurnsCrlCheckingOnOverTls() throws Exception {
		IssuedCertificate revoked = client(this.pki.ca(), "CN=revoked");
		String crl = TestCrl.of(this.pki.ca()).revoke(revoked).write(this.directory.resolve("ca.crl"));
		try (ConfigurableApplicationContext app = start(this.pki, "mtls.revocation.crl=" + crl)) {
			assertThat(app.getBean(PkixChainVerifier.class).getMode()).isEqualTo(RevocationMode.CRL);
			assertRefused(get(app, this.pki, revoked), "certificate is revoked");
			assertThat(get(app, this.pki, this.pki.client()).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void crlLocationAloneTurnsCrlCheckingOnThroughTheProxyPath() throws Exception {
		IssuedCertificate revoked = client(this.pki.ca(), "CN=revoked");
		String crl = TestCrl.of(this.pki.ca()).revoke(revoked).write(this.directory.resolve("ca.crl"));
		try (ConfigurableApplicationContext app = startBehindProxy("mtls.revocation.crl=" + crl)) {
			assertRefused(forwarded(app, revoked, null), "certificate is revoked");
			assertThat(forwarded(app, this.pki.client(), null).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void refusesClientUnderRevokedIntermediateEvenWithTheIntermediatesOwnCrlOverTls() throws Exception {
		IssuedCertificate revokedCa = intermediate("CN=Revoked Issuing CA");
		IssuedCertificate goodCa = intermediate("CN=Good Issuing CA");
		IssuedCertificate underRevoked = client(revokedCa, "CN=under-revoked-ca");
		IssuedCertificate underGood = client(goodCa, "CN=under-good-ca");
		try (ConfigurableApplicationContext app = start(this.pki, pathCrls(revokedCa, goodCa))) {
			assertRefused(get(app, this.pki, underRevoked), "a CA certificate of the chain is revoked");
			assertThat(get(app, this.pki, underGood).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void refusesClientUnderRevokedIntermediateThroughTheProxyPath() throws Exception {
		IssuedCertificate revokedCa = intermediate("CN=Revoked Issuing CA");
		IssuedCertificate goodCa = intermediate("CN=Good Issuing CA");
		IssuedCertificate underRevoked = client(revokedCa, "CN=under-revoked-ca");
		IssuedCertificate underGood = client(goodCa, "CN=under-good-ca");
		try (ConfigurableApplicationContext app = startBehindProxy(Stream
			.concat(Stream.of("mtls.proxy.chain-header=X-SSL-Client-Chain"), Stream.of(pathCrls(revokedCa, goodCa)))
			.toArray(String[]::new))) {
			assertRefused(forwarded(app, underRevoked, revokedCa), "a CA certificate of the chain is revoked");
			assertThat(forwarded(app, underGood, goodCa).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void refusesClientWhenItsIntermediatesStatusIsUnknownWithoutSoftFail(CapturedOutput output) throws Exception {
		IssuedCertificate issuingCa = intermediate("CN=Issuing CA");
		IssuedCertificate underIt = client(issuingCa, "CN=leaf");
		// Only the intermediate's own CRL: nothing tells whether the intermediate
		// itself is revoked.
		String crl = TestCrl.of(issuingCa).write(this.directory.resolve("issuing.crl"));
		try (ConfigurableApplicationContext app = start(this.pki, "mtls.revocation.crl=" + crl)) {
			assertRefused(get(app, this.pki, underIt), "revocation status cannot be determined for a CA certificate");
		}
		try (ConfigurableApplicationContext app = start(this.pki, "mtls.revocation.crl=" + crl,
				"mtls.revocation.soft-fail=true")) {
			assertThat(get(app, this.pki, underIt).statusCode()).isEqualTo(200);
			assertThat(output).contains("Revocation status of 'CN=Issuing CA' cannot be determined",
					"accepted because mtls.revocation.soft-fail=true");
		}
	}

	@Test
	void acceptsCrlSignedBySeparateCrlSigningCertificate() throws Exception {
		IssuedCertificate crlSigner = CertificateBuilder.endEntity(subject(this.pki.ca()))
			.keyUsage(KeyUsage.cRLSign)
			.issuedBy(this.pki.ca())
			.issue();
		IssuedCertificate revoked = client(this.pki.ca(), "CN=revoked");
		String crl = TestCrl.of(this.pki.ca())
			.signedBy(crlSigner)
			.revoke(revoked)
			.write(this.directory.resolve("ca.crl"));
		String signer = this.pki.write("crl-signer.pem", crlSigner.certificatePem());
		try (ConfigurableApplicationContext app = start(this.pki, "mtls.revocation.crl=" + crl,
				"mtls.revocation.crl-signers=" + signer)) {
			assertThat(get(app, this.pki, this.pki.client()).statusCode()).isEqualTo(200);
			assertRefused(get(app, this.pki, revoked), "certificate is revoked");
		}
		try (ConfigurableApplicationContext app = startBehindProxy("mtls.revocation.crl=" + crl,
				"mtls.revocation.crl-signers=" + signer)) {
			assertThat(forwarded(app, this.pki.client(), null).statusCode()).isEqualTo(200);
			assertRefused(forwarded(app, revoked, null), "certificate is revoked");
		}
	}

	@Test
	void acceptsCrlSignedWithTheCasNewKeyAfterKeyRollover() throws Exception {
		// The CA's new key, certified by its old one (RFC 4210 section 4.4 "NewWithOld").
		IssuedCertificate newWithOld = CertificateBuilder.ca(subject(this.pki.ca()))
			.keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
			.issuedBy(this.pki.ca())
			.issue();
		IssuedCertificate revoked = client(this.pki.ca(), "CN=revoked-before-rollover");
		String crl = TestCrl.of(this.pki.ca())
			.signedBy(newWithOld)
			.revoke(revoked)
			.write(this.directory.resolve("ca.crl"));
		try (ConfigurableApplicationContext app = start(this.pki, "mtls.revocation.crl=" + crl,
				"mtls.revocation.crl-signers=" + this.pki.write("new-with-old.pem", newWithOld.certificatePem()))) {
			assertThat(get(app, this.pki, this.pki.client()).statusCode()).isEqualTo(200);
			assertRefused(get(app, this.pki, revoked), "certificate is revoked");
		}
	}

	@Test
	void ocspRefusesClientUnderRevokedIntermediate() throws Exception {
		// Each CA answers OCSP for the certificates it issued; every certificate
		// names its issuer's responder (authority information access).
		try (RevocationServer rootResponder = new RevocationServer(this.pki.ca())) {
			IssuedCertificate revokedCa = CertificateBuilder.ca("CN=Revoked Issuing CA")
				.extension(AUTHORITY_INFO_ACCESS, false, ocspAt(rootResponder))
				.issuedBy(this.pki.ca())
				.issue();
			IssuedCertificate goodCa = CertificateBuilder.ca("CN=Good Issuing CA")
				.extension(AUTHORITY_INFO_ACCESS, false, ocspAt(rootResponder))
				.issuedBy(this.pki.ca())
				.issue();
			rootResponder.revoke(revokedCa);
			try (RevocationServer revokedCaResponder = new RevocationServer(revokedCa);
					RevocationServer goodCaResponder = new RevocationServer(goodCa)) {
				IssuedCertificate underRevoked = CertificateBuilder.endEntity("CN=under-revoked-ca")
					.clientAuth()
					.extension(AUTHORITY_INFO_ACCESS, false, ocspAt(revokedCaResponder))
					.issuedBy(revokedCa)
					.issue();
				IssuedCertificate underGood = CertificateBuilder.endEntity("CN=under-good-ca")
					.clientAuth()
					.extension(AUTHORITY_INFO_ACCESS, false, ocspAt(goodCaResponder))
					.issuedBy(goodCa)
					.issue();
				try (ConfigurableApplicationContext app = start(this.pki, "mtls.revocation.mode=ocsp")) {
					assertRefused(get(app, this.pki, underRevoked), "a CA certificate of the chain is revoked");
					assertThat(get(app, this.pki, underGood).statusCode()).isEqualTo(200);
				}
				assertThat(revokedCaResponder.ocspRequests() + goodCaResponder.ocspRequests()).isEqualTo(2);
			}
		}
	}

	@Test
	void acceptsIndirectCrlOfACrlAuthority() throws Exception {
		// RFC 5280 section 5: a CRL issuer other than the CA, named in the certificates'
		// distribution point (cRLIssuer), whose CRL is marked indirect and names the
		// certificate issuer of its entries.
		IssuedCertificate authority = CertificateBuilder.endEntity("CN=CRL Authority,O=mtls tests")
			.keyUsage(KeyUsage.cRLSign)
			.issuedBy(this.pki.ca())
			.issue();
		byte[] distributionPoint = new CRLDistPoint(new DistributionPoint[] { new DistributionPoint(null, null,
				new GeneralNames(new GeneralName(
						X500Name.getInstance(authority.certificate().getSubjectX500Principal().getEncoded())))) })
			.getEncoded();
		IssuedCertificate good = CertificateBuilder.endEntity("CN=good-indirect")
			.clientAuth()
			.extension(Extension.cRLDistributionPoints.getId(), false, distributionPoint)
			.issuedBy(this.pki.ca())
			.issue();
		IssuedCertificate revoked = CertificateBuilder.endEntity("CN=revoked-indirect")
			.clientAuth()
			.extension(Extension.cRLDistributionPoints.getId(), false, distributionPoint)
			.issuedBy(this.pki.ca())
			.issue();
		String crl = TestCrl.of(authority)
			.indirect()
			.revokeOf(revoked, this.pki.ca().certificate().getSubjectX500Principal())
			.write(this.directory.resolve("indirect.crl"));
		// The CRL authority's own certificate is checked too (RFC 5280 section 6.3.3):
		// against the CA's direct CRL.
		String caCrl = TestCrl.of(this.pki.ca()).write(this.directory.resolve("ca.crl"));
		try (ConfigurableApplicationContext app = start(this.pki, "mtls.revocation.crl=" + crl + "," + caCrl,
				"mtls.revocation.crl-signers=" + this.pki.write("crl-authority.pem", authority.certificatePem()))) {
			assertThat(get(app, this.pki, good).statusCode()).isEqualTo(200);
			assertRefused(get(app, this.pki, revoked), "certificate is revoked");
		}
	}

	private static byte[] ocspAt(RevocationServer responder) throws java.io.IOException {
		return new AuthorityInformationAccess(new AccessDescription(AccessDescription.id_ad_ocsp,
				new GeneralName(GeneralName.uniformResourceIdentifier, responder.ocspUrl())))
			.getEncoded();
	}

	private String[] pathCrls(IssuedCertificate revokedCa, IssuedCertificate goodCa) {
		String rootCrl = TestCrl.of(this.pki.ca()).revoke(revokedCa).write(this.directory.resolve("root.crl"));
		String revokedCaCrl = TestCrl.of(revokedCa).write(this.directory.resolve("revoked-ca.crl"));
		String goodCaCrl = TestCrl.of(goodCa).write(this.directory.resolve("good-ca.crl"));
		return new String[] { "mtls.revocation.crl=" + rootCrl + "," + revokedCaCrl + "," + goodCaCrl };
	}

	private IssuedCertificate intermediate(String subject) {
		return CertificateBuilder.ca(subject).issuedBy(this.pki.ca()).issue();
	}

	private static IssuedCertificate client(IssuedCertificate issuer, String subject) {
		return CertificateBuilder.endEntity(subject).clientAuth().issuedBy(issuer).issue();
	}

	private static String subject(IssuedCertificate certificate) {
		return certificate.certificate().getSubjectX500Principal().getName();
	}

	private ConfigurableApplicationContext startBehindProxy(String... properties) {
		String[] all = Stream
			.concat(Stream.of("mtls.server.enabled=false", "mtls.proxy.enabled=true",
					"mtls.proxy.trusted-proxies=127.0.0.1,::1",
					"mtls.server.truststore.certificate=" + this.pki.location("ca.crt")), Stream.of(properties))
			.toArray(String[]::new);
		return TestServerApplication.runSecured(new Class<?>[] { RevocationTestApplication.class }, all);
	}

	private static HttpResponse<String> forwarded(ConfigurableApplicationContext app, IssuedCertificate client,
			IssuedCertificate intermediate) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + TestServerApplication.serverPort(app) + "/whoami"))
			.timeout(Duration.ofSeconds(20))
			.header("X-SSL-Client-Cert", urlEncode(client.certificatePem()));
		if (intermediate != null) {
			request.header("X-SSL-Client-Chain", urlEncode(intermediate.certificatePem()));
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String urlEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
