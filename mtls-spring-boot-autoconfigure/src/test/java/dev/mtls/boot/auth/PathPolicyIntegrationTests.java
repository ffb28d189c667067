package dev.mtls.boot.auth;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.WebStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mtls.auth.paths} over real TLS with {@code client-auth=want}: optional and
 * required certificates, per-path allow-lists and roles, first match wins, and matching
 * on the normalised path so that no spelling of a path slips past its policy.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(WebStack.class)
class PathPolicyIntegrationTests {

	@Parameter
	WebStack stack;

	@TempDir
	Path directory;

	private IssuedCertificate clientCa;

	private Path trust;

	private IssuedCertificate alice;

	private IssuedCertificate carol;

	private IssuedCertificate bob;

	@BeforeEach
	void issueClients() throws Exception {
		// Clients come from a CA made before the application starts, so that their
		// fingerprints can be configured.
		this.clientCa = CertificateBuilder.ca("CN=Client CA").issue();
		this.trust = Files.writeString(this.directory.resolve("client-ca.crt"), this.clientCa.certificatePem());
		this.alice = client("CN=alice");
		this.carol = client("CN=carol");
		this.bob = client("CN=bob");
	}

	@Test
	void optionalPathServesAnonymousAndCertificateCallersButRefusesRejectedCertificates() throws Exception {
		try (AuthFixture app = start()) {
			assertThat(body(app.get(null, "/public/info"))).isEqualTo("info for anonymous");
			assertThat(body(app.get(this.bob, "/public/info"))).isEqualTo("info for bob");
			PrincipalSourceIntegrationTests.assertRefused(app.get(client("CN=nul\\00byte"), "/public/info"),
					"contains control characters");
		}
	}

	@Test
	void pathsOutsideOptionalPoliciesStillRequireACertificate() throws Exception {
		try (AuthFixture app = start()) {
			HttpResponse<String> response = app.get(null, "/api/whoami");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
	}

	@Test
	void allowListedPathAcceptsOnlyListedCertificates() throws Exception {
		try (AuthFixture app = start()) {
			assertThat(body(app.get(this.alice, "/partner/data"))).isEqualTo("partner data for alice");
			// An accepted certificate that is not on the path's allow-list:
			// authorization,
			// not authentication, failed.
			HttpResponse<String> bob = app.get(this.bob, "/partner/data");
			assertThat(bob.statusCode()).isEqualTo(403);
			assertThat(JsonPath.parse(bob.body()).read("$.detail", String.class))
				.isEqualTo("The client certificate is not on this resource's allow-list.");
			HttpResponse<String> anonymous = app.get(null, "/partner/data");
			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(JsonPath.parse(anonymous.body()).read("$.detail", String.class))
				.isEqualTo("A valid client certificate is required.");
		}
	}

	@Test
	void listedCertificateWithoutThePathRoleGets403() throws Exception {
		try (AuthFixture app = start()) {
			HttpResponse<String> response = app.get(this.carol, "/partner/data");
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(JsonPath.parse(response.body()).read("$.status", Integer.class)).isEqualTo(403);
			assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
				.isEqualTo("The client certificate lacks a role this resource requires.");
		}
	}

	@Test
	void firstMatchingPolicyWins() throws Exception {
		try (AuthFixture app = start("mtls.auth.paths[2].pattern=/**", "mtls.auth.paths[2].roles=AUDITOR")) {
			// '/**' (role AUDITOR) comes last: it decides only what no earlier policy
			// matched.
			assertThat(body(app.get(null, "/public/info"))).isEqualTo("info for anonymous");
			assertThat(body(app.get(this.alice, "/partner/data"))).isEqualTo("partner data for alice");
			assertThat(app.get(this.alice, "/api/whoami").statusCode()).isEqualTo(403);
			assertThat(app.get(client("CN=auditor"), "/api/whoami").statusCode()).isEqualTo(200);
		}
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory.resolve("reversed"),
				"mtls.server.truststore.certificate=file:" + this.trust, "mtls.auth.roles.auditor=AUDITOR",
				"mtls.auth.paths[0].pattern=/**", "mtls.auth.paths[0].roles=AUDITOR",
				"mtls.auth.paths[1].pattern=/public/**", "mtls.auth.paths[1].required=false")) {
			// The catch-all first: the later optional policy for /public/** never
			// applies.
			assertThat(app.get(this.alice, "/public/info").statusCode()).isEqualTo(403);
			assertThat(body(app.get(client("CN=auditor"), "/public/info"))).isEqualTo("info for auditor");
		}
	}

	@Test
	void noSpellingOfAPolicyPathBypassesThePolicy() throws Exception {
		try (AuthFixture app = start()) {
			// Without a catch-all policy: a path that escaped /partner/** would reach the
			// controller as an authenticated caller.
			for (String path : List.of("/partner/../partner/data", "/partner/./data", "/partner//data", "/PARTNER/data",
					"/partner/data;x=y", "/partner;x=y/data", "/%70artner/data", "/partner/%64ata", "/partner/data/",
					"/partner%2Fdata", "/public/../partner/data", "/public/..;/partner/data",
					"/public/%2e%2e/partner/data")) {
				HttpResponse<String> response = app.get(this.bob, path);
				assertThat(response.statusCode()).as(path + " -> " + response.body())
					.isNotEqualTo(200)
					.isBetween(400, 499);
				assertThat(response.body()).as(path).doesNotContain("partner data");
			}
		}
	}

	private AuthFixture start(String... more) {
		List<String> properties = new ArrayList<>(
				List.of("mtls.server.truststore.certificate=file:" + this.trust, "mtls.auth.roles.alice=PARTNER",
						"mtls.auth.roles.auditor=AUDITOR", "mtls.auth.paths[0].pattern=/public/**",
						"mtls.auth.paths[0].required=false", "mtls.auth.paths[1].pattern=/partner/**",
						"mtls.auth.paths[1].allowed-fingerprints[0]=" + this.alice.fingerprint(),
						"mtls.auth.paths[1].allowed-fingerprints[1]="
								+ EndEntityPolicyIntegrationTests.upperCaseWithColons(this.carol.fingerprint()),
						"mtls.auth.paths[1].roles=PARTNER"));
		properties.addAll(List.of(more));
		return AuthFixture.start(this.stack, this.directory.resolve("app"), properties.toArray(String[]::new));
	}

	private IssuedCertificate client(String subject) {
		return CertificateBuilder.endEntity(subject).clientAuth().issuedBy(this.clientCa).issue();
	}

	private static String body(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

}
