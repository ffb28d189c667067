package dev.mtls.boot.auth;

import java.security.cert.X509Certificate;
import java.util.List;

import dev.mtls.boot.pki.ControlCharacters;
import dev.mtls.boot.devpki.CertificateBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CertificatePrincipalExtractor} without a server.
 */
class CertificatePrincipalExtractorTests {

	@Test
	void unknownSourceIsRefusedWithTheValidSources() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CertificatePrincipalExtractor("nickname", false))
			.withMessage("mtls.auth.principal: unknown source 'nickname'; use cn, dn, san-dns, san-uri, san-email, "
					+ "email, spiffe-id, fingerprint, serial or attribute:<name or OID>");
	}

	@Test
	void unknownAttributeIsRefusedNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CertificatePrincipalExtractor("attribute:NICKNAME", false))
			.withMessage("mtls.auth.principal: unknown DN attribute 'NICKNAME'; use a name such as CN, UID, OU or a "
					+ "dotted OID");
		assertThatIllegalArgumentException().isThrownBy(() -> new CertificatePrincipalExtractor("attribute:", false))
			.withMessageStartingWith("mtls.auth.principal: unknown DN attribute ''");
	}

	@Test
	void sourceNameIsCaseInsensitive() {
		X509Certificate certificate = certificate("UID=u-1,CN=alice");
		assertThat(new CertificatePrincipalExtractor("CN", false).extractPrincipal(certificate)).isEqualTo("alice");
		assertThat(new CertificatePrincipalExtractor("Attribute:uid", false).extractPrincipal(certificate))
			.isEqualTo("u-1");
	}

	@Test
	void emptyValueIsRefused() {
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> new CertificatePrincipalExtractor("cn", false).extractPrincipal(certificate("CN=,O=x")))
			.withMessage("principal (cn) is empty");
	}

	@Test
	void valueIsReturnedExactly() {
		assertThat(new CertificatePrincipalExtractor("cn", false).extractPrincipal(certificate("CN=\\ Alice\\ ")))
			.isEqualTo(" Alice ");
	}

	@Test
	void repeatedValueIsRefusedAsAmbiguous() {
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(
					() -> new CertificatePrincipalExtractor("cn", true).extractPrincipal(certificate("CN=a+OU=x,CN=b")))
			.withMessage("certificate has 2 CN attribute values; the principal is ambiguous");
	}

	@Test
	void standaloneValueCountsBesideAMultiValuedRdn() {
		// Only the standalone CN counts, so the name is not ambiguous.
		assertThat(new CertificatePrincipalExtractor("cn", false).extractPrincipal(certificate("CN=a+OU=x,CN=b")))
			.isEqualTo("b");
	}

	@Test
	void attributeOnlyInsideAMultiValuedRdnIsRefusedUnlessAllowed() {
		X509Certificate certificate = certificate("UID=u-1+CN=alice,O=x");
		for (String source : List.of("attribute:UID", "cn")) {
			String name = source.equals("cn") ? "CN" : "UID";
			assertThatExceptionOfType(CertificateRejectedException.class)
				.isThrownBy(() -> new CertificatePrincipalExtractor(source, false).extractPrincipal(certificate))
				.withMessage(name + " occurs only inside a multi-valued RDN, which does not count unless "
						+ "mtls.auth.allow-multi-valued-rdn=true");
		}
		assertThat(new CertificatePrincipalExtractor("attribute:UID", true).extractPrincipal(certificate))
			.isEqualTo("u-1");
		assertThat(new CertificatePrincipalExtractor("cn", true).extractPrincipal(certificate)).isEqualTo("alice");
	}

	@Test
	void emailAttributeOnlyInsideAMultiValuedRdnIsRefusedUnlessAllowed() {
		X509Certificate certificate = certificate("EMAILADDRESS=a@example.com+CN=alice");
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> new CertificatePrincipalExtractor("email", false).extractPrincipal(certificate))
			.withMessageStartingWith("emailAddress occurs only inside a multi-valued RDN");
		assertThat(new CertificatePrincipalExtractor("email", true).extractPrincipal(certificate))
			.isEqualTo("a@example.com");
	}

	@Test
	void dnSourceRefusesSubjectsWithControlCharacters() {
		CertificatePrincipalExtractor extractor = new CertificatePrincipalExtractor("dn", false);
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> extractor.extractPrincipal(certificate("CN=a\\0ab,O=x")))
			.withMessage("principal (dn) contains control characters");
		// The JDK writes NUL as '\00' in RFC 2253 form, so the string form alone hides
		// it.
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> extractor.extractPrincipal(certificate("CN=a\\00b,O=x")))
			.withMessage("principal (dn) contains control characters");
	}

	private static X509Certificate certificate(String subject) {
		return CertificateBuilder.endEntity(subject).clientAuth().issue().certificate();
	}

}
