package dev.mtls.boot.auth;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.mtls.boot.pki.MtlsMaterialException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@code mtls.auth.*} settings that would silently do nothing refuse startup, naming the
 * property.
 */
class AuthPropertiesAuditTests {

	@Test
	void allowListEntryThatIsNoFingerprintRefusesStartup() {
		MtlsAuthProperties properties = new MtlsAuthProperties();
		properties.setAllowedFingerprints(List.of("CN=alice"));
		assertRefused(() -> new ClientCertificatePolicy(properties), "mtls.auth.allowed-fingerprints",
				"entry 'CN=alice' is not a SHA-256 fingerprint");
	}

	@Test
	void perPathAllowListEntryThatIsNoFingerprintRefusesStartup() {
		MtlsAuthProperties properties = new MtlsAuthProperties();
		MtlsAuthProperties.PathPolicy policy = new MtlsAuthProperties.PathPolicy();
		policy.setPattern("/api/**");
		policy.setAllowedFingerprints(List.of("ab:cd"));
		properties.setPaths(List.of(policy));
		assertRefused(() -> new ClientCertificatePolicy(properties), "mtls.auth.paths[0].allowed-fingerprints",
				"entry 'ab:cd' is not a SHA-256 fingerprint");
	}

	@Test
	void pathPatternWithoutLeadingSlashRefusesStartup() {
		MtlsAuthProperties properties = new MtlsAuthProperties();
		MtlsAuthProperties.PathPolicy policy = new MtlsAuthProperties.PathPolicy();
		policy.setPattern("api/public/**");
		properties.setPaths(List.of(policy));
		assertRefused(() -> new ClientCertificatePolicy(properties), "mtls.auth.paths[0].pattern",
				"does not start with '/'");
	}

	@Test
	void spiffeIdRoleKeyMangledByAPropertiesFileRefusesStartup() throws IOException {
		Properties file = new Properties();
		file.load(new StringReader("""
				mtls.auth.principal=spiffe-id
				mtls.auth.roles.spiffe://example.org/ns/api=ADMIN
				"""));
		// ':' ended the key: the role table now maps 'spiffe' to
		// '//example.org/ns/api=ADMIN'
		assertThat(file).containsKey("mtls.auth.roles.spiffe");
		MtlsAuthProperties properties = new Binder(new MapConfigurationPropertySource(file))
			.bind("mtls.auth", MtlsAuthProperties.class)
			.get();
		assertRefused(() -> new PropertiesCertificateRoleMapper(properties, new DefaultResourceLoader()),
				"mtls.auth.roles", "principal 'spiffe' is not a SPIFFE ID");
	}

	@Test
	void roleKeysMatchingThePrincipalSourceAreAccepted() {
		MtlsAuthProperties properties = new MtlsAuthProperties();
		properties.setPrincipal("spiffe-id");
		properties.setRoles(Map.of("spiffe://example.org/ns/api", List.of("ADMIN")));
		assertThatNoException()
			.isThrownBy(() -> new PropertiesCertificateRoleMapper(properties, new DefaultResourceLoader()));
		MtlsAuthProperties cn = new MtlsAuthProperties();
		cn.setRoles(Map.of("admin-client", List.of("ADMIN")));
		assertThatNoException().isThrownBy(() -> new PropertiesCertificateRoleMapper(cn, new DefaultResourceLoader()));
	}

	@Test
	void fingerprintRoleKeyWithColonsRefusesStartup() {
		MtlsAuthProperties properties = new MtlsAuthProperties();
		properties.setPrincipal("fingerprint");
		properties.setRoles(Map.of("AB:CD", List.of("ADMIN")));
		assertRefused(() -> new PropertiesCertificateRoleMapper(properties, new DefaultResourceLoader()),
				"mtls.auth.roles", "is not a lower-case SHA-256 fingerprint");
	}

	@Test
	void roleExtensionOidThatIsNoObjectIdentifierRefusesStartup() {
		MtlsAuthProperties properties = new MtlsAuthProperties();
		properties.setRoleExtensionOid("roles-extension");
		assertRefused(() -> new PropertiesCertificateRoleMapper(properties, new DefaultResourceLoader()),
				"mtls.auth.role-extension-oid", "'roles-extension' is not a dotted object identifier");
		MtlsAuthProperties dotted = new MtlsAuthProperties();
		dotted.setRoleExtensionOid("1.3.6.1.4.1.55555.1.1");
		assertThatNoException()
			.isThrownBy(() -> new PropertiesCertificateRoleMapper(dotted, new DefaultResourceLoader()));
	}

	private static void assertRefused(Runnable action, String property, String problem) {
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(action::run)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(property))
			.withMessageContaining(problem);
	}

}
