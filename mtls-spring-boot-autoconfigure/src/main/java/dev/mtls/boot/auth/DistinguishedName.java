package dev.mtls.boot.auth;

import java.util.ArrayList;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import dev.mtls.boot.pki.ControlCharacters;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.jspecify.annotations.Nullable;

/**
 * A distinguished name read from its DER encoding with Bouncy Castle, so that escaped
 * commas, hex-encoded values and multi-valued RDNs never go through string parsing.
 */
public final class DistinguishedName {

	private final X500Principal principal;

	private final List<Attribute> attributes;

	private DistinguishedName(X500Principal principal, List<Attribute> attributes) {
		this.principal = principal;
		this.attributes = attributes;
	}

	/**
	 * Parse a distinguished name.
	 * @param principal the name
	 * @return the parsed name
	 */
	public static DistinguishedName of(X500Principal principal) {
		X500Name name = X500Name.getInstance(principal.getEncoded());
		List<Attribute> attributes = new ArrayList<>();
		for (RDN rdn : name.getRDNs()) {
			boolean multiValued = rdn.isMultiValued();
			for (AttributeTypeAndValue typeAndValue : rdn.getTypesAndValues()) {
				attributes
					.add(new Attribute(typeAndValue.getType(), stringValue(typeAndValue.getValue()), multiValued));
			}
		}
		return new DistinguishedName(principal, List.copyOf(attributes));
	}

	/**
	 * Resolve an attribute name ('CN', 'UID', 'emailAddress'...) or dotted OID.
	 * @param nameOrOid the attribute
	 * @return the OID
	 * @throws IllegalArgumentException when the name is unknown
	 */
	public static ASN1ObjectIdentifier attributeType(String nameOrOid) {
		String trimmed = nameOrOid.trim();
		if (!trimmed.isEmpty() && Character.isDigit(trimmed.charAt(0))) {
			return new ASN1ObjectIdentifier(trimmed);
		}
		return BCStyle.INSTANCE.attrNameToOID(trimmed);
	}

	/**
	 * Return the values of an attribute, in DN order.
	 * @param type the attribute type
	 * @param includeMultiValued whether values inside multi-valued RDNs count
	 * @return the values, possibly empty; {@code null} entries stand for values that are
	 * not strings
	 */
	public List<String> values(ASN1ObjectIdentifier type, boolean includeMultiValued) {
		return this.attributes.stream()
			.filter((attribute) -> attribute.type().equals(type))
			.filter((attribute) -> includeMultiValued || !attribute.multiValued())
			.map(Attribute::value)
			.toList();
	}

	/**
	 * Return the name in RFC 4514 form.
	 * @return the string form
	 */
	public String rfc4514() {
		return this.principal.getName(X500Principal.RFC2253);
	}

	/**
	 * Return whether a string value contains a control character. The RFC 4514 form
	 * cannot tell: the JDK writes NUL as {@code \00} but other control characters as they
	 * are.
	 * @return whether a value contains a control character
	 */
	boolean containsControlCharacters() {
		return this.attributes.stream()
			.map(Attribute::value)
			.anyMatch((value) -> value != null && ControlCharacters.containsAny(value));
	}

	private static @Nullable String stringValue(ASN1Encodable value) {
		return (value instanceof ASN1String string) ? string.getString() : null;
	}

	private record Attribute(ASN1ObjectIdentifier type, @Nullable String value, boolean multiValued) {
	}

}
