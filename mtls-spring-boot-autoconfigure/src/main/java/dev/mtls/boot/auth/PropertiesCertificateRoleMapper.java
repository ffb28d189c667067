package dev.mtls.boot.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mtls.boot.pki.MtlsMaterialException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Roles from {@code mtls.auth.default-roles}, {@code mtls.auth.roles},
 * {@code mtls.auth.roles-file}, {@code mtls.auth.role-attribute} and
 * {@code mtls.auth.role-extension-oid}. Values are used exactly as they appear.
 */
public class PropertiesCertificateRoleMapper implements CertificateRoleMapper {

	private final List<String> defaultRoles;

	private final Map<String, List<String>> table;

	private final List<ASN1ObjectIdentifier> roleAttributes;

	private final boolean allowMultiValuedRdn;

	private final @Nullable String roleExtensionOid;

	public PropertiesCertificateRoleMapper(MtlsAuthProperties properties, ResourceLoader resourceLoader) {
		this.defaultRoles = List.copyOf(properties.getDefaultRoles());
		this.table = new LinkedHashMap<>();
		if (properties.getRolesFile() != null && !properties.getRolesFile().isBlank()) {
			Map<String, List<String>> file = readRolesFile(properties.getRolesFile(), resourceLoader);
			AuthPropertiesAudit.checkRoleKeys(properties.getPrincipal(), file, "mtls.auth.roles-file");
			this.table.putAll(file);
		}
		AuthPropertiesAudit.checkRoleKeys(properties.getPrincipal(), properties.getRoles(), "mtls.auth.roles");
		properties.getRoles().forEach((principal, roles) -> this.table.put(principal, List.copyOf(roles)));
		this.roleAttributes = properties.getRoleAttribute().stream().map((name) -> {
			try {
				return DistinguishedName.attributeType(name);
			}
			catch (IllegalArgumentException ex) {
				throw new MtlsMaterialException("mtls.auth.role-attribute", "unknown DN attribute '" + name + "'",
						"Use an attribute name such as OU, O, CN or UID, or a dotted OID.", ex);
			}
		}).toList();
		this.allowMultiValuedRdn = properties.isAllowMultiValuedRdn();
		this.roleExtensionOid = properties.getRoleExtensionOid();
		if (this.roleExtensionOid != null && !this.roleExtensionOid.isBlank()
				&& ASN1ObjectIdentifier.tryFromID(this.roleExtensionOid.trim()) == null) {
			// getExtensionValue would find nothing under it: no certificate would get a
			// role.
			throw new MtlsMaterialException("mtls.auth.role-extension-oid",
					"'" + this.roleExtensionOid + "' is not a dotted object identifier, so no certificate extension "
							+ "could ever be found under it",
					"Write the extension's OID in dotted form, e.g. 1.3.6.1.4.1.55555.1.1.");
		}
	}

	@Override
	public Collection<String> mapRoles(String principal, List<X509Certificate> chain) {
		Set<String> roles = new LinkedHashSet<>(this.defaultRoles);
		roles.addAll(this.table.getOrDefault(principal, List.of()));
		X509Certificate leaf = chain.get(0);
		if (!this.roleAttributes.isEmpty()) {
			DistinguishedName subject = DistinguishedName.of(leaf.getSubjectX500Principal());
			for (ASN1ObjectIdentifier attribute : this.roleAttributes) {
				for (String value : subject.values(attribute, this.allowMultiValuedRdn)) {
					if (value != null) {
						roles.add(value);
					}
				}
			}
		}
		if (this.roleExtensionOid != null && !this.roleExtensionOid.isBlank()) {
			roles.addAll(extensionRoles(leaf, this.roleExtensionOid.trim()));
		}
		return roles;
	}

	private static List<String> extensionRoles(X509Certificate certificate, String oid) {
		byte[] extension = certificate.getExtensionValue(oid);
		if (extension == null) {
			return List.of();
		}
		try {
			ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets());
			if (value instanceof ASN1UTF8String string) {
				return List.of(string.getString());
			}
			if (value instanceof ASN1Sequence sequence) {
				List<String> roles = new ArrayList<>();
				for (ASN1Encodable element : sequence) {
					if (!(element instanceof ASN1UTF8String string)) {
						throw new CertificateRejectedException(
								"role extension " + oid + " holds a value that is not a UTF8String");
					}
					roles.add(string.getString());
				}
				return roles;
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new CertificateRejectedException("role extension " + oid + " cannot be parsed");
		}
		throw new CertificateRejectedException(
				"role extension " + oid + " is neither a UTF8String nor a SEQUENCE OF UTF8String");
	}

	/**
	 * Read {@code principal=ROLE1,ROLE2} lines. The key ends at the last '=' so that DNs
	 * ({@code CN=alice,O=Example=ADMIN}) need no escaping; '#' starts a comment line.
	 */
	static Map<String, List<String>> readRolesFile(String location, ResourceLoader resourceLoader) {
		Resource resource = resourceLoader.getResource(location);
		if (!resource.exists()) {
			throw new MtlsMaterialException("mtls.auth.roles-file", "location '" + location + "' does not exist",
					"Point mtls.auth.roles-file to a file of 'principal=ROLE1,ROLE2' lines.");
		}
		Map<String, List<String>> table = new LinkedHashMap<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				String trimmed = line.strip();
				if (trimmed.isEmpty() || trimmed.startsWith("#")) {
					continue;
				}
				int separator = trimmed.lastIndexOf('=');
				if (separator <= 0) {
					throw new MtlsMaterialException("mtls.auth.roles-file",
							"line " + number + " of '" + location + "' is not 'principal=ROLE1,ROLE2'",
							"Fix or remove the line.");
				}
				String principal = trimmed.substring(0, separator).strip();
				List<String> roles = new ArrayList<>();
				for (String role : trimmed.substring(separator + 1).split(",")) {
					if (!role.isBlank()) {
						roles.add(role.strip());
					}
				}
				table.put(principal, List.copyOf(roles));
			}
		}
		catch (IOException ex) {
			throw new MtlsMaterialException("mtls.auth.roles-file",
					"'" + location + "' cannot be read (" + ex.getMessage() + ")", "Check that the file is readable.",
					ex);
		}
		return table;
	}

}
