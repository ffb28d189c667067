package dev.mtls.boot.auth;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.WebStack;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1Encodable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate to principal to roles to controller, over real TLS: one specification, run
 * on the servlet and on the reactive stack.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(WebStack.class)
@ExtendWith(OutputCaptureExtension.class)
class CertificateAuthenticationIntegrationTests {

	@Parameter
	WebStack stack;

	@TempDir
	Path directory;

	@Test
	void acceptedCertificateBecomesCertificatePrincipalWithDefaultRoles() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.default-roles=USER")) {
			IssuedCertificate alice = app.client("CN=alice,O=Example").issue();
			HttpResponse<String> response = app.get(alice, "/api/whoami");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo("alice");
			assertThat(JsonPath.parse(response.body()).read("$.roles[*]", java.util.List.class))
				.containsExactly("USER");
			assertThat(JsonPath.parse(response.body()).read("$.fingerprint", String.class))
				.isEqualTo(alice.fingerprint());
			assertThat(JsonPath.parse(response.body()).read("$.chainLength", Integer.class)).isEqualTo(2);
			assertThat(JsonPath.parse(response.body()).read("$.subject", String.class)).isEqualTo("CN=alice,O=Example");
		}
	}

	@Test
	void requestWithoutCertificateGets401ProblemDetails() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			HttpResponse<String> response = app.get(null, "/api/whoami");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValue("application/problem+json;charset=UTF-8");
			assertThat(JsonPath.parse(response.body()).read("$.status", Integer.class)).isEqualTo(401);
			assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
				.isEqualTo("A valid client certificate is required.");
			assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
		}
	}

	@Test
	void staticRoleTableGrantsAnnotatedEndpointAndOthersGet403(CapturedOutput output) throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory,
				"mtls.auth.roles.admin-client=ADMIN,AUDITOR", "mtls.auth.default-roles=USER")) {
			HttpResponse<String> admin = app.get(app.client("CN=admin-client").issue(), "/api/admin");
			assertThat(admin.statusCode()).isEqualTo(200);
			assertThat(admin.body()).isEqualTo("admin admin-client");
			HttpResponse<String> alice = app.get(app.client("CN=alice").issue(), "/api/admin");
			assertThat(alice.statusCode()).isEqualTo(403);
			assertThat(alice.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(JsonPath.parse(alice.body()).read("$.status", Integer.class)).isEqualTo(403);
			HttpResponse<String> anonymous = app.get(null, "/api/admin");
			assertThat(anonymous.statusCode()).isEqualTo(401);
		}
	}

	@Test
	void annotationWorksAlongsidePreAuthorize() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.roles.auditor=AUDITOR",
				"mtls.auth.roles.blocked-admin=ADMIN")) {
			assertThat(app.get(app.client("CN=auditor").issue(), "/api/audit").statusCode()).isEqualTo(200);
			assertThat(app.get(app.client("CN=blocked-admin").issue(), "/api/audit").statusCode()).isEqualTo(403);
			assertThat(app.get(app.client("CN=nobody").issue(), "/api/audit").statusCode()).isEqualTo(403);
		}
	}

	@Test
	void bracketNotationMapsPrincipalsWithSpecialCharacters() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.principal=san-dns",
				"mtls.auth.roles[svc.example.com]=ADMIN")) {
			IssuedCertificate service = app.client("CN=svc").dnsNames("svc.example.com").issue();
			assertThat(app.get(service, "/api/admin").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void rolesFileMapsFullDistinguishedNames() throws Exception {
		Path rolesFile = this.directory.resolve("roles.properties");
		Files.writeString(rolesFile, """
				# principal=ROLE1,ROLE2 (the key ends at the last '=')
				CN=Smith\\, John,O=Example=ADMIN, AUDITOR
				""");
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.principal=dn",
				"mtls.auth.roles-file=file:" + rolesFile)) {
			IssuedCertificate smith = app.client("CN=Smith\\, John,O=Example").issue();
			HttpResponse<String> response = app.get(smith, "/api/whoami");
			assertThat(JsonPath.parse(response.body()).read("$.principal", String.class))
				.isEqualTo("CN=Smith\\, John,O=Example");
			assertThat(JsonPath.parse(response.body()).read("$.roles[*]", java.util.List.class))
				.containsExactly("ADMIN", "AUDITOR");
		}
	}

	@Test
	void roleAttributeValuesBecomeRolesExactly() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.role-attribute=OU")) {
			IssuedCertificate admin = app.client("CN=ops,OU=ADMIN,OU=Billing Team").issue();
			HttpResponse<String> response = app.get(admin, "/api/whoami");
			assertThat(JsonPath.parse(response.body()).read("$.roles[*]", java.util.List.class))
				.containsExactly("ADMIN", "Billing Team");
			assertThat(app.get(admin, "/api/admin").statusCode()).isEqualTo(200);
			IssuedCertificate lowerCase = app.client("CN=ops2,OU=admin").issue();
			assertThat(app.get(lowerCase, "/api/admin").statusCode()).isEqualTo(403);
		}
	}

	@Test
	void roleAttributeInsideMultiValuedRdnDoesNotCountUnlessAllowed() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.role-attribute=OU",
				"mtls.auth.principal=attribute:UID")) {
			IssuedCertificate eve = app.client("UID=eve+OU=ADMIN,O=Example").issue();
			assertThat(app.get(eve, "/api/admin").statusCode()).isEqualTo(401);
			IssuedCertificate eve2 = app.client("CN=eve+OU=ADMIN,UID=eve2,O=Example").issue();
			assertThat(app.get(eve2, "/api/admin").statusCode()).isEqualTo(403);
		}
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory.resolve("b"), "mtls.auth.role-attribute=OU",
				"mtls.auth.allow-multi-valued-rdn=true")) {
			IssuedCertificate eve = app.client("CN=eve+OU=ADMIN,O=Example").issue();
			assertThat(app.get(eve, "/api/admin").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void extensionOidValuesBecomeRoles() throws Exception {
		String oid = "1.3.6.1.4.1.55555.1.1";
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.role-extension-oid=" + oid)) {
			IssuedCertificate single = app.client("CN=ext-single")
				.extension(oid, false, new DERUTF8String("ADMIN").getEncoded())
				.issue();
			assertThat(app.get(single, "/api/admin").statusCode()).isEqualTo(200);
			IssuedCertificate sequence = app.client("CN=ext-seq")
				.extension(oid, false,
						new DERSequence(new ASN1Encodable[] { new DERUTF8String("AUDITOR"), new DERUTF8String("OPS") })
							.getEncoded())
				.issue();
			HttpResponse<String> response = app.get(sequence, "/api/whoami");
			assertThat(JsonPath.parse(response.body()).read("$.roles[*]", java.util.List.class))
				.containsExactly("AUDITOR", "OPS");
			IssuedCertificate wrongType = app.client("CN=ext-int")
				.extension(oid, false, new org.bouncycastle.asn1.ASN1Integer(7).getEncoded())
				.issue();
			assertThat(app.get(wrongType, "/api/whoami").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void failureIsLoggedAtInfoWithCertificateFactsAndEscapedName(CapturedOutput output) throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			IssuedCertificate forged = app.client("CN=alice\\0aINFO fake log line").issue();
			HttpResponse<String> response = app.get(forged, "/api/whoami");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
				.isEqualTo("Client certificate not accepted: principal (cn) contains control characters");
			assertThat(output).contains("Refused client certificate [subject='CN=alice\\u000aINFO fake log line")
				.contains("sha256=" + forged.fingerprint())
				.doesNotContain("\nINFO fake log line");
		}
	}

	@Test
	void generatedDefaultUserIsNeverActive(CapturedOutput output) throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			HttpResponse<String> response = app.get(app.client("CN=user").issue(), "/api/whoami");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(response.body()).read("$.roles[*]", java.util.List.class)).isEmpty();
			assertThat(output).doesNotContain("Using generated security password");
		}
	}

	@Test
	void customRoleMapperBeanExtendsPropertyMapping() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.default-roles=USER",
				"spring.main.sources=" + CustomMapperConfiguration.class.getName())) {
			HttpResponse<String> response = app.get(app.client("CN=bob").issue(), "/api/whoami");
			assertThat(JsonPath.parse(response.body()).read("$.roles[*]", java.util.List.class))
				.containsExactlyInAnyOrder("USER", "FROM_BEAN_bob");
		}
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class CustomMapperConfiguration {

		@org.springframework.context.annotation.Bean
		CertificateRoleMapper customMapper() {
			return (principal, chain) -> java.util.List.of("FROM_BEAN_" + principal);
		}

	}

}
