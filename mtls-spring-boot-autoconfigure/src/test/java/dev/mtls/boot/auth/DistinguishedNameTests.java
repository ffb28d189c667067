package dev.mtls.boot.auth;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DistinguishedName}: values come from the DER encoding, never from
 * splitting the string form.
 */
class DistinguishedNameTests {

	@Test
	void escapedCommaIsPartOfTheValue() {
		DistinguishedName dn = parse("CN=Smith\\, John,O=Example");
		assertThat(dn.values(BCStyle.CN, false)).containsExactly("Smith, John");
		assertThat(dn.values(BCStyle.O, false)).containsExactly("Example");
		assertThat(dn.rfc4514()).isEqualTo("CN=Smith\\, John,O=Example");
	}

	@Test
	void otherRfc4514EscapesAreDecoded() {
		assertThat(parse("CN=a\\+b\\=c\\\"d\\\\e").values(BCStyle.CN, false)).containsExactly("a+b=c\"d\\e");
		assertThat(parse("CN=\\ padded\\ ").values(BCStyle.CN, false)).containsExactly(" padded ");
	}

	@Test
	void valuesInsideMultiValuedRdnCountOnlyWhenIncluded() {
		DistinguishedName dn = parse("CN=x+OU=y,O=Example");
		assertThat(dn.values(BCStyle.CN, false)).isEmpty();
		assertThat(dn.values(BCStyle.OU, false)).isEmpty();
		assertThat(dn.values(BCStyle.CN, true)).containsExactly("x");
		assertThat(dn.values(BCStyle.OU, true)).containsExactly("y");
		assertThat(dn.values(BCStyle.O, false)).containsExactly("Example");
	}

	@Test
	void repeatedAttributeKeepsEveryValue() {
		DistinguishedName dn = parse("CN=a,OU=x,CN=b");
		assertThat(dn.values(BCStyle.CN, false)).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void hexEncodedNonStringValueIsANullEntry() {
		// #04... is an OCTET STRING
		assertThat(parse("CN=#0403616263").values(BCStyle.CN, false)).containsExactly((String) null);
	}

	@Test
	void hexEncodedStringValueIsDecoded() {
		// #0c... is a UTF8String
		assertThat(parse("CN=#0c05616c696365").values(BCStyle.CN, false)).containsExactly("alice");
	}

	@Test
	void missingAttributeHasNoValues() {
		assertThat(parse("O=Example").values(BCStyle.CN, true)).isEmpty();
	}

	@Test
	void attributeTypeResolvesNamesInAnyCase() {
		assertThat(DistinguishedName.attributeType("CN")).isEqualTo(BCStyle.CN);
		assertThat(DistinguishedName.attributeType("cn")).isEqualTo(BCStyle.CN);
		assertThat(DistinguishedName.attributeType("UID")).isEqualTo(BCStyle.UID);
		assertThat(DistinguishedName.attributeType("emailAddress")).isEqualTo(BCStyle.EmailAddress);
		assertThat(DistinguishedName.attributeType(" OU ")).isEqualTo(BCStyle.OU);
	}

	@Test
	void attributeTypeResolvesDottedOids() {
		assertThat(DistinguishedName.attributeType("2.5.4.11")).isEqualTo(BCStyle.OU);
		assertThat(DistinguishedName.attributeType("1.3.6.1.4.1.55555.7"))
			.isEqualTo(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.7"));
	}

	@Test
	void attributeTypeRefusesUnknownNamesAndMalformedOids() {
		assertThatIllegalArgumentException().isThrownBy(() -> DistinguishedName.attributeType("NICKNAME"));
		assertThatIllegalArgumentException().isThrownBy(() -> DistinguishedName.attributeType("1.2.x"));
	}

	private static DistinguishedName parse(String name) {
		return DistinguishedName.of(new X500Principal(name));
	}

}
