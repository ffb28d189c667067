package dev.mtls.boot.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Consumer;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Each end-entity rule of the starter, driven at unit level where the JDK's handshake
 * would refuse the certificate before the rule runs, with the reason it gives.
 */
class ClientCertificatePolicyTests {

	private static final String EXTENDED_KEY_USAGE = "2.5.29.37";

	private final IssuedCertificate ca = CertificateBuilder.ca("CN=Policy CA").issue();

	@Test
	void refusesCertificateWithoutClientAuthEku() {
		IssuedCertificate serverOnly = CertificateBuilder.endEntity("CN=server-only")
			.serverAuth()
			.issuedBy(this.ca)
			.issue();
		assertRefused(policy(), serverOnly, "extended key usage does not include clientAuth");
		assertAccepted(policy((properties) -> properties.setRequireClientAuthEku(false)), serverOnly);
	}

	@Test
	void refusesKeyUsageWithoutDigitalSignature() {
		IssuedCertificate encipherOnly = client("CN=encipher-only").keyUsage(KeyUsage.keyEncipherment).issue();
		assertRefused(policy(), encipherOnly, "key usage does not allow digitalSignature");
		assertAccepted(policy(),
				client("CN=signing").keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment).issue());
	}

	@Test
	void refusesEcKeyBelowTheMinimumSize() {
		IssuedCertificate p256 = client("CN=p256").issue();
		assertRefused(policy((properties) -> properties.setMinEcKeySize(384)), p256,
				"EC key of 256 bits is shorter than mtls.auth.min-ec-key-size=384");
		assertAccepted(policy(), p256);
		IssuedCertificate p384Ca = CertificateBuilder.ca("CN=P-384 CA").ec(384).issue();
		assertAccepted(policy((properties) -> properties.setMinEcKeySize(384)),
				CertificateBuilder.endEntity("CN=p384").clientAuth().ec(384).issuedBy(p384Ca).issue());
	}

	@Test
	void refusesExtendedKeyUsageThatCannotBeParsed() {
		// An INTEGER where a SEQUENCE of key purposes belongs.
		IssuedCertificate malformed = CertificateBuilder.endEntity("CN=malformed-eku")
			.extension(EXTENDED_KEY_USAGE, false, new byte[] { 0x02, 0x01, 0x05 })
			.issuedBy(this.ca)
			.issue();
		assertRefused(policy(), malformed, "extended key usage cannot be parsed");
	}

	@Test
	void refusesDigestsConfiguredAsForbiddenBeyondTheDefaults() {
		IssuedCertificate sha256 = client("CN=sha256").issue();
		assertAccepted(policy(), sha256);
		assertRefused(policy((properties) -> properties.setForbiddenSignatureDigests(List.of("SHA-256"))), sha256,
				"certificate 'CN=sha256' is signed with SHA256withECDSA, refused by "
						+ "mtls.auth.forbidden-signature-digests");
	}

	@Test
	void refusesSha1SignatureByDefault() {
		IssuedCertificate rsaCa = CertificateBuilder.ca("CN=RSA CA").rsa(2048).issue();
		IssuedCertificate sha1 = CertificateBuilder.endEntity("CN=sha1")
			.clientAuth()
			.signatureAlgorithm("SHA1withRSA")
			.issuedBy(rsaCa)
			.issue();
		assertRefused(policy(), sha1, "is signed with SHA1withRSA");
	}

	private CertificateBuilder client(String subject) {
		return CertificateBuilder.endEntity(subject).clientAuth().issuedBy(this.ca);
	}

	private static ClientCertificatePolicy policy() {
		return policy((properties) -> {
		});
	}

	private static ClientCertificatePolicy policy(Consumer<MtlsAuthProperties> customizer) {
		MtlsAuthProperties properties = new MtlsAuthProperties();
		customizer.accept(properties);
		return new ClientCertificatePolicy(properties);
	}

	private static void assertRefused(ClientCertificatePolicy policy, IssuedCertificate certificate, String reason) {
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> policy.check(certificate.chain()))
			.withMessageContaining(reason);
	}

	private static void assertAccepted(ClientCertificatePolicy policy, IssuedCertificate certificate) {
		List<X509Certificate> chain = certificate.chain();
		assertThatNoException().isThrownBy(() -> policy.check(chain));
	}

}
