package dev.mtls.boot.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.pki.MtlsMaterialException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link PropertiesCertificateRoleMapper}, mainly the roles file.
 */
class PropertiesCertificateRoleMapperTests {

	@TempDir
	Path directory;

	@Test
	void rolesFileKeyEndsAtTheLastEqualsSoDistinguishedNamesNeedNoEscaping() throws Exception {
		Map<String, List<String>> table = read("""
				CN=Smith\\, John,O=Example=ADMIN, AUDITOR
				CN=svc+OU=ops,O=Example=OPS
				""");
		assertThat(table).containsExactly(entry("CN=Smith\\, John,O=Example", List.of("ADMIN", "AUDITOR")),
				entry("CN=svc+OU=ops,O=Example", List.of("OPS")));
	}

	@Test
	void rolesFileSkipsCommentsAndBlankLines() throws Exception {
		Map<String, List<String>> table = read("""
				# clients of the billing API

				   # indented comment
				alice=ADMIN
				""");
		assertThat(table).containsExactly(entry("alice", List.of("ADMIN")));
	}

	@Test
	void rolesFileDropsEmptyRolesAndAllowsNone() throws Exception {
		Map<String, List<String>> table = read("""
				alice=ADMIN,,AUDITOR,
				bob=
				""");
		assertThat(table).containsExactly(entry("alice", List.of("ADMIN", "AUDITOR")), entry("bob", List.of()));
	}

	@Test
	void rolesFileLineWithoutPrincipalIsReportedWithItsNumber() throws Exception {
		Path file = write("""
				# header
				alice=ADMIN
				bob ADMIN
				""");
		assertThatExceptionOfType(MtlsMaterialException.class)
			.isThrownBy(
					() -> PropertiesCertificateRoleMapper.readRolesFile("file:" + file, new DefaultResourceLoader()))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("mtls.auth.roles-file");
				assertThat(ex.getDescription())
					.isEqualTo("line 3 of 'file:" + file + "' is not 'principal=ROLE1,ROLE2'");
				assertThat(ex.getAction()).isEqualTo("Fix or remove the line.");
			});
		Path emptyKey = write("=ADMIN\n");
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(
				() -> PropertiesCertificateRoleMapper.readRolesFile("file:" + emptyKey, new DefaultResourceLoader()))
			.withMessageContaining("line 1 of");
	}

	@Test
	void missingRolesFileIsReported() {
		assertThatExceptionOfType(MtlsMaterialException.class)
			.isThrownBy(() -> PropertiesCertificateRoleMapper.readRolesFile("file:" + this.directory.resolve("none"),
					new DefaultResourceLoader()))
			.satisfies((ex) -> assertThat(ex.getDescription()).endsWith("does not exist"));
	}

	@Test
	void propertiesWinOverTheRolesFileForTheSamePrincipal() throws Exception {
		MtlsAuthProperties properties = new MtlsAuthProperties();
		properties.setRolesFile("file:" + write("alice=FROM_FILE\nbob=FROM_FILE\n"));
		properties.setRoles(Map.of("alice", List.of("FROM_PROPERTIES")));
		properties.setDefaultRoles(List.of("USER"));
		PropertiesCertificateRoleMapper mapper = new PropertiesCertificateRoleMapper(properties,
				new DefaultResourceLoader());
		var chain = List.of(CertificateBuilder.endEntity("CN=alice").issue().certificate());
		assertThat(mapper.mapRoles("alice", chain)).containsExactly("USER", "FROM_PROPERTIES");
		assertThat(mapper.mapRoles("bob", chain)).containsExactly("USER", "FROM_FILE");
		assertThat(mapper.mapRoles("Alice", chain)).containsExactly("USER");
	}

	private Map<String, List<String>> read(String content) throws Exception {
		return PropertiesCertificateRoleMapper.readRolesFile("file:" + write(content), new DefaultResourceLoader());
	}

	private Path write(String content) throws Exception {
		return Files.writeString(Files.createTempFile(this.directory, "roles", ".properties"), content);
	}

}
