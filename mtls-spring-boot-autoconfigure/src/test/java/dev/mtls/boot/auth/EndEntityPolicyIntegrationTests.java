package dev.mtls.boot.auth;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.WebStack;
import dev.mtls.boot.testing.HandshakeRefusal;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-entity rules for client certificates over real TLS. Some certificates are refused
 * by the JDK's own trust manager during the handshake (its end-entity checker demands
 * digitalSignature in key usage and clientAuth or anyExtendedKeyUsage in extended key
 * usage of a TLS client); the others reach the application and are refused by
 * {@link ClientCertificatePolicy} with a 401. Either way the request never succeeds and
 * never causes a 5xx.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(WebStack.class)
class EndEntityPolicyIntegrationTests {

	@Parameter
	WebStack stack;

	@TempDir
	Path directory;

	@Test
	void refusesCertificateWithoutClientAuthEku() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			IssuedCertificate serverOnly = CertificateBuilder.endEntity("CN=server-only")
				.serverAuth()
				.issuedBy(app.pki.ca())
				.issue();
			Outcome outcome = Outcome.of(app, serverOnly);
			// JDK 17: refused in the handshake by the end-entity checker
			// ("Received fatal alert: certificate_unknown")
			assertThat(outcome.isRefused()).as(outcome.toString()).isTrue();
		}
	}

	@Test
	void certificateWithoutClientAuthEkuIsStillRefusedWhenTheStarterCheckIsOff() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory,
				"mtls.auth.require-client-auth-eku=false")) {
			IssuedCertificate serverOnly = CertificateBuilder.endEntity("CN=server-only")
				.serverAuth()
				.issuedBy(app.pki.ca())
				.issue();
			// The property can only relax the starter's own check; over a direct TLS
			// connection the JDK's trust manager refuses the certificate first.
			Outcome outcome = Outcome.of(app, serverOnly);
			assertThat(outcome.isRefused()).as(outcome.toString()).isTrue();
			IssuedCertificate anyPurpose = CertificateBuilder.endEntity("CN=any-purpose")
				.extendedKeyUsage(ClientCertificatePolicy.ANY_EXTENDED_KEY_USAGE)
				.issuedBy(app.pki.ca())
				.issue();
			assertThat(Outcome.of(app, anyPurpose).status()).isEqualTo(200);
		}
	}

	@Test
	void acceptsCertificateWithoutExtendedKeyUsageExtension() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			IssuedCertificate noEku = CertificateBuilder.endEntity("CN=no-eku").issuedBy(app.pki.ca()).issue();
			assertThat(Outcome.of(app, noEku).status()).isEqualTo(200);
		}
	}

	@Test
	void refusesCaCertificateAsClientIdentity() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			// Key usage keyCertSign | cRLSign only: the JDK refuses it in the handshake.
			IssuedCertificate plainCa = CertificateBuilder.ca("CN=sub-ca").clientAuth().issuedBy(app.pki.ca()).issue();
			Outcome plain = Outcome.of(app, plainCa);
			assertThat(plain.isRefused()).as(plain.toString()).isTrue();
			// With digitalSignature the JDK lets it through; basicConstraints CA:TRUE is
			// refused by the starter.
			IssuedCertificate signingCa = CertificateBuilder.ca("CN=signing-ca")
				.clientAuth()
				.keyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature)
				.issuedBy(app.pki.ca())
				.issue();
			Outcome signing = Outcome.of(app, signingCa);
			assertThat(signing.status()).as(signing.toString()).isEqualTo(401);
			PrincipalSourceIntegrationTests.assertRefused(signing.response(),
					"a CA certificate cannot be a client identity");
		}
	}

	@Test
	void refusesKeyUsageWithoutDigitalSignature() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			IssuedCertificate encipherOnly = app.client("CN=encipher-only").keyUsage(KeyUsage.keyEncipherment).issue();
			Outcome outcome = Outcome.of(app, encipherOnly);
			// JDK 17: refused in the handshake by the end-entity checker
			assertThat(outcome.isRefused()).as(outcome.toString()).isTrue();
			IssuedCertificate noKeyUsage = app.client("CN=no-key-usage").keyUsage(null).issue();
			assertThat(Outcome.of(app, noKeyUsage).status()).isEqualTo(200);
		}
	}

	@Test
	void refusesRsa1024ClientKeyThatTheJdkAccepts() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			IssuedCertificate weak = app.client("CN=weak").rsa(1024).issue();
			Outcome outcome = Outcome.of(app, weak);
			assertThat(outcome.status()).as(outcome.toString()).isEqualTo(401);
			PrincipalSourceIntegrationTests.assertRefused(outcome.response(),
					"RSA key of 1024 bits is shorter than mtls.auth.min-rsa-key-size=2048");
			assertThat(Outcome.of(app, app.client("CN=strong").rsa(2048).issue()).status()).isEqualTo(200);
		}
	}

	@Test
	void minRsaKeySizeLetsShorterKeysIn() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.min-rsa-key-size=1024")) {
			IssuedCertificate weak = app.client("CN=weak").rsa(1024).issue();
			HttpResponse<String> response = app.get(weak, "/api/whoami");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo("weak");
		}
	}

	@Test
	void refusesSha1SignedClientCertificateThatTheJdkAccepts() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			IssuedCertificate rsaCa = CertificateBuilder.ca("CN=RSA Issuing CA")
				.rsa(2048)
				.issuedBy(app.pki.ca())
				.issue();
			IssuedCertificate sha1 = CertificateBuilder.endEntity("CN=sha1-client")
				.clientAuth()
				.rsa(2048)
				.signatureAlgorithm("SHA1withRSA")
				.issuedBy(rsaCa)
				.issue();
			Outcome outcome = Outcome.of(app, sha1);
			assertThat(outcome.status()).as(outcome.toString()).isEqualTo(401);
			PrincipalSourceIntegrationTests.assertRefused(outcome.response(), "is signed with SHA1withRSA");
			IssuedCertificate sha256 = CertificateBuilder.endEntity("CN=sha256-client")
				.clientAuth()
				.rsa(2048)
				.issuedBy(rsaCa)
				.issue();
			assertThat(Outcome.of(app, sha256).status()).isEqualTo(200);
		}
	}

	@Test
	void refusesChainLongerThanMaxChainLength() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.max-chain-length=3")) {
			IssuedCertificate intermediate1 = CertificateBuilder.ca("CN=Intermediate 1").issuedBy(app.pki.ca()).issue();
			IssuedCertificate intermediate2 = CertificateBuilder.ca("CN=Intermediate 2")
				.issuedBy(intermediate1)
				.issue();
			IssuedCertificate deep = app.client("CN=deep").issuedBy(intermediate2).issue();
			assertThat(deep.chain()).hasSize(4);
			Outcome outcome = Outcome.of(app, deep);
			assertThat(outcome.status()).as(outcome.toString()).isEqualTo(401);
			PrincipalSourceIntegrationTests.assertRefused(outcome.response(),
					"certificate chain has 4 certificates, more than mtls.auth.max-chain-length=3");
			IssuedCertificate shallow = app.client("CN=shallow").issuedBy(intermediate1).issue();
			assertThat(Outcome.of(app, shallow).status()).isEqualTo(200);
		}
	}

	@Test
	void chainWithinDefaultMaxChainLengthIsAccepted() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			IssuedCertificate intermediate1 = CertificateBuilder.ca("CN=Intermediate 1").issuedBy(app.pki.ca()).issue();
			IssuedCertificate intermediate2 = CertificateBuilder.ca("CN=Intermediate 2")
				.issuedBy(intermediate1)
				.issue();
			HttpResponse<String> response = app.get(app.client("CN=deep").issuedBy(intermediate2).issue(),
					"/api/whoami");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(response.body()).read("$.chainLength", Integer.class)).isEqualTo(4);
		}
	}

	@Test
	void chainRulesApplyToEveryPresentedChainEvenWhenTheLeafWasAcceptedBefore() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.max-chain-length=3")) {
			IssuedCertificate intermediate1 = CertificateBuilder.ca("CN=Intermediate 1").issuedBy(app.pki.ca()).issue();
			IssuedCertificate intermediate2 = CertificateBuilder.ca("CN=Intermediate 2")
				.issuedBy(intermediate1)
				.issue();
			IssuedCertificate deep = app.client("CN=deep").issuedBy(intermediate2).issue();
			// A client may leave out the root (RFC 8446 section 4.4.2): 3 certificates.
			assertThat(Outcome.of(app, withoutRoot(deep)).status()).isEqualTo(200);
			// The same leaf with the root: 4 certificates, over the limit, whatever was
			// accepted before.
			Outcome withRoot = Outcome.of(app, deep);
			assertThat(withRoot.status()).as(withRoot.toString()).isEqualTo(401);
		}
	}

	@Test
	void principalCarriesTheChainOfTheCurrentRequest() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			IssuedCertificate intermediate = CertificateBuilder.ca("CN=Intermediate").issuedBy(app.pki.ca()).issue();
			IssuedCertificate alice = app.client("CN=alice").issuedBy(intermediate).issue();
			HttpResponse<String> first = app.get(withoutRoot(alice), "/api/whoami");
			assertThat(JsonPath.parse(first.body()).read("$.chainLength", Integer.class)).isEqualTo(2);
			HttpResponse<String> second = app.get(alice, "/api/whoami");
			assertThat(JsonPath.parse(second.body()).read("$.chainLength", Integer.class)).isEqualTo(3);
		}
	}

	@Test
	void globalAllowedFingerprintsAcceptOnlyListedCertificatesGivenInAnyCaseWithColons() throws Exception {
		// Clients come from a CA made before the application starts, so that their
		// fingerprints can be configured.
		IssuedCertificate clientCa = CertificateBuilder.ca("CN=Client CA").issue();
		Path trust = Files.writeString(this.directory.resolve("client-ca.crt"), clientCa.certificatePem());
		IssuedCertificate listed = CertificateBuilder.endEntity("CN=listed").clientAuth().issuedBy(clientCa).issue();
		IssuedCertificate unlisted = CertificateBuilder.endEntity("CN=unlisted")
			.clientAuth()
			.issuedBy(clientCa)
			.issue();
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory.resolve("app"),
				"mtls.server.truststore.certificate=file:" + trust,
				"mtls.auth.allowed-fingerprints=" + upperCaseWithColons(listed.fingerprint()))) {
			HttpResponse<String> response = app.get(listed, "/api/whoami");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo("listed");
			PrincipalSourceIntegrationTests.assertRefused(app.get(unlisted, "/api/whoami"),
					"certificate is not in mtls.auth.allowed-fingerprints");
		}
	}

	private static IssuedCertificate withoutRoot(IssuedCertificate identity) {
		return new IssuedCertificate(identity.certificate(), identity.privateKey(),
				identity.chain().subList(0, identity.chain().size() - 1));
	}

	static String upperCaseWithColons(String fingerprint) {
		byte[] bytes = HexFormat.of().parseHex(fingerprint);
		return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
	}

	/**
	 * What happened to a request: an HTTP response, or a TLS handshake the server
	 * refused.
	 */
	record Outcome(HttpResponse<String> response, IOException failure) {

		static Outcome of(AuthFixture app, IssuedCertificate identity) throws InterruptedException {
			try {
				return new Outcome(app.get(identity, "/api/whoami"), null);
			}
			catch (InterruptedException ex) {
				throw ex;
			}
			catch (IOException ex) {
				return new Outcome(null, ex);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		Integer status() {
			return (this.response != null) ? this.response.statusCode() : null;
		}

		/**
		 * Whether the server's TLS stack refused the certificate (a fatal alert during or
		 * right after the handshake).
		 */
		boolean handshakeRefused() {
			return HandshakeRefusal.isCertificateRefusal(this.failure);
		}

		/**
		 * Whether the request was refused as it must be: in the handshake or with a 401,
		 * never a 2xx or 5xx.
		 */
		boolean isRefused() {
			return handshakeRefused() || Integer.valueOf(401).equals(status());
		}

		@Override
		public String toString() {
			return (this.response != null) ? "HTTP " + this.response.statusCode() + " " + this.response.body()
					: "TLS failure " + this.failure;
		}

	}

}
