package dev.mtls.boot.auth;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.pki.ControlCharacters;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.TestSslImplementation;
import dev.mtls.boot.testing.WebStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every {@code mtls.auth.principal} source over real TLS: what becomes the principal, and
 * which certificates are refused because the value is missing, repeated, not a string,
 * hidden in a multi-valued RDN or not a valid SPIFFE ID. Matching is exact.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(WebStack.class)
class PrincipalSourceIntegrationTests {

	@Parameter
	WebStack stack;

	@TempDir
	Path directory;

	@Test
	void cnIsTheDefaultSourceAndIsUsedWithoutTrimmingOrCaseFolding() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.roles.alice=ADMIN")) {
			IssuedCertificate upperCase = app.client("CN=Alice,O=Example").issue();
			HttpResponse<String> response = app.get(upperCase, "/api/whoami");
			assertThat(principal(response)).isEqualTo("Alice");
			assertThat(roles(response)).as("mtls.auth.roles.alice must not match 'Alice'").isEmpty();
			assertThat(app.get(upperCase, "/api/admin").statusCode()).isEqualTo(403);
			// RFC 4514 escapes keep the spaces in the value
			IssuedCertificate spaces = app.client("CN=\\ alice\\ ").issue();
			assertThat(principal(app.get(spaces, "/api/whoami"))).isEqualTo(" alice ");
			assertThat(app.get(spaces, "/api/admin").statusCode()).isEqualTo(403);
			IssuedCertificate exact = app.client("CN=alice").issue();
			assertThat(app.get(exact, "/api/admin").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void cnSourceRefusesMissingRepeatedAndNonStringValues() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			assertRefused(app.get(app.client("O=Example,OU=no common name").issue(), "/api/whoami"),
					"certificate has no CN attribute");
			assertRefused(app.get(app.client("CN=a,CN=b").issue(), "/api/whoami"),
					"certificate has 2 CN attribute values; the principal is ambiguous");
			// #04... is an OCTET STRING, which has no string form
			IssuedCertificate octetString = app.client("CN=#0403616263").issue();
			if (this.stack == WebStack.SERVLET && TestSslImplementation.isOpenSsl()) {
				// OpenSSL (Tomcat's; Reactor Netty stays on JSSE) refuses to decode such
				// a name: the handshake fails
				// (decode_error)
				assertThatExceptionOfType(SSLHandshakeException.class)
					.isThrownBy(() -> app.get(octetString, "/api/whoami"))
					.withMessageContaining("decode_error");
			}
			else {
				assertRefused(app.get(octetString, "/api/whoami"), "CN attribute is not a string");
			}
		}
	}

	@Test
	void cnSourceDecodesHexEncodedStringValues() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			// #0c05616c696365 is the UTF8String "alice"
			assertThat(principal(app.get(app.client("CN=#0c05616c696365").issue(), "/api/whoami"))).isEqualTo("alice");
		}
	}

	@Test
	void cnSourceRefusesControlCharacters() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			for (String subject : List.of("CN=a\\00b", "CN=a\\09b", "CN=a\\0db", "CN=a\\1bb", "CN=a\\7fb",
					"CN=a\u0085b", "CN=a\u2028b")) {
				HttpResponse<String> response = app.get(app.client(subject).issue(), "/api/whoami");
				assertRefused(response, "principal (cn) contains control characters");
			}
		}
	}

	@Test
	void cnInsideMultiValuedRdnIsRefusedUnlessAllowed() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory)) {
			assertRefused(app.get(app.client("CN=eve+OU=admins,O=Example").issue(), "/api/whoami"),
					"CN occurs only inside a multi-valued RDN");
		}
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory.resolve("allowed"),
				"mtls.auth.allow-multi-valued-rdn=true")) {
			assertThat(principal(app.get(app.client("CN=eve+OU=admins,O=Example").issue(), "/api/whoami")))
				.isEqualTo("eve");
		}
	}

	@Test
	void dnSourceIsTheRfc4514SubjectWithEscapes() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.principal=dn")) {
			assertThat(principal(app.get(app.client("CN=Smith\\, John,OU=Sales,O=Example").issue(), "/api/whoami")))
				.isEqualTo("CN=Smith\\, John,OU=Sales,O=Example");
			assertThat(principal(app.get(app.client("CN=x+OU=y,O=Example").issue(), "/api/whoami")))
				.isEqualTo("CN=x+OU=y,O=Example");
		}
	}

	@Test
	void dnSourceRefusesSubjectsWithControlCharacters() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.principal=dn")) {
			assertRefused(app.get(app.client("CN=a\\0ab,O=Example").issue(), "/api/whoami"),
					"principal (dn) contains control characters");
			// The JDK writes NUL as '\00' in RFC 2253 form: the value must still be
			// refused.
			assertRefused(app.get(app.client("CN=a\\00b,O=Example").issue(), "/api/whoami"),
					"principal (dn) contains control characters");
		}
	}

	@Test
	void sanDnsSourceIsTheSingleDnsNameAndNeverFallsBackToCn() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.principal=san-dns")) {
			assertThat(principal(app.get(app.client("CN=svc").dnsNames("Svc.Example.com").issue(), "/api/whoami")))
				.isEqualTo("Svc.Example.com");
			assertRefused(app.get(app.client("CN=svc.example.com").issue(), "/api/whoami"),
					"certificate has no DNS SAN");
			assertRefused(
					app.get(app.client("CN=svc").dnsNames("a.example.com", "b.example.com").issue(), "/api/whoami"),
					"certificate has 2 DNS SAN values; the principal is ambiguous");
		}
	}

	@Test
	void sanUriSourceIsTheSingleUri() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.principal=san-uri")) {
			assertThat(principal(
					app.get(app.client("CN=svc").uris("https://svc.example.com/payments").issue(), "/api/whoami")))
				.isEqualTo("https://svc.example.com/payments");
			assertRefused(app.get(app.client("CN=svc").issue(), "/api/whoami"), "certificate has no URI SAN");
		}
	}

	@Test
	void sanEmailSourceIsTheSingleEmailSanAndIgnoresTheEmailAddressAttribute() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.principal=san-email")) {
			assertThat(principal(app.get(app.client("CN=alice").emails("alice@example.org").issue(), "/api/whoami")))
				.isEqualTo("alice@example.org");
			assertRefused(app.get(app.client("EMAILADDRESS=alice@example.org,CN=alice").issue(), "/api/whoami"),
					"certificate has no email SAN");
		}
	}

	@Test
	void emailSourcePrefersTheEmailSanAndElseTakesTheEmailAddressAttribute() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.principal=email")) {
			IssuedCertificate both = app.client("EMAILADDRESS=attribute@example.org,CN=alice")
				.emails("san@example.org")
				.issue();
			assertThat(principal(app.get(both, "/api/whoami"))).isEqualTo("san@example.org");
			IssuedCertificate attributeOnly = app.client("EMAILADDRESS=attribute@example.org,CN=alice").issue();
			assertThat(principal(app.get(attributeOnly, "/api/whoami"))).isEqualTo("attribute@example.org");
			assertRefused(app.get(app.client("CN=alice").issue(), "/api/whoami"),
					"certificate has no emailAddress attribute");
			assertRefused(
					app.get(app.client("CN=alice").emails("a@example.org", "b@example.org").issue(), "/api/whoami"),
					"ambiguous");
		}
	}

	@Test
	void spiffeIdSourceAcceptsAValidSpiffeIdAndReportsIt() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.principal=spiffe-id")) {
			IssuedCertificate workload = app.client("CN=api").uris("spiffe://example.org/ns/prod/sa/api").issue();
			HttpResponse<String> response = app.get(workload, "/api/whoami");
			assertThat(principal(response)).isEqualTo("spiffe://example.org/ns/prod/sa/api");
			assertThat(JsonPath.parse(response.body()).read("$.spiffeId", String.class))
				.isEqualTo("spiffe://example.org/ns/prod/sa/api");
		}
	}

	@Test
	void spiffeIdSourceRefusesIdsTheSpiffeSpecificationForbids() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.principal=spiffe-id")) {
			assertRefused(app.get(app.client("CN=api")
				.uris("spiffe://example.org/ns/prod/sa/api", "spiffe://example.org/ns/prod/sa/other")
				.issue(), "/api/whoami"), "exactly one URI SAN, found 2");
			assertRefused(app.get(app.client("CN=api").issue(), "/api/whoami"), "exactly one URI SAN, found 0");
			assertRefused(
					app.get(app.client("CN=api").uris("https://example.org/ns/prod/sa/api").issue(), "/api/whoami"),
					"not a spiffe:// URI");
			assertRefused(
					app.get(app.client("CN=api").uris("spiffe://example.org/ns/prod/sa/api/").issue(), "/api/whoami"),
					"ends with '/'");
			assertRefused(
					app.get(app.client("CN=api").uris("spiffe://example.org/ns/prod/../sa/api").issue(), "/api/whoami"),
					"invalid segment");
			assertRefused(
					app.get(app.client("CN=api").uris("spiffe://Example.org/ns/prod/sa/api").issue(), "/api/whoami"),
					"invalid trust domain");
			assertRefused(app.get(app.client("CN=api").uris("spiffe://example.org/ns/prod/sa/api?x=1").issue(),
					"/api/whoami"), "invalid segment");
		}
	}

	@Test
	void fingerprintSourceIsTheLowerCaseSha256Hex() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.principal=fingerprint")) {
			IssuedCertificate alice = app.client("CN=alice").issue();
			assertThat(principal(app.get(alice, "/api/whoami"))).matches("[0-9a-f]{64}").isEqualTo(alice.fingerprint());
		}
	}

	@Test
	void serialSourceIsTheLowerCaseHexSerialNumber() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.principal=serial")) {
			IssuedCertificate alice = app.client("CN=alice").issue();
			assertThat(principal(app.get(alice, "/api/whoami"))).matches("[0-9a-f]+")
				.isEqualTo(alice.certificate().getSerialNumber().toString(16));
		}
	}

	@Test
	void attributeSourceByNameTakesTheSingleValueOfThatAttribute() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory, "mtls.auth.principal=attribute:UID")) {
			assertThat(principal(app.get(app.client("UID=u-1234,CN=alice,O=Example").issue(), "/api/whoami")))
				.isEqualTo("u-1234");
			assertRefused(app.get(app.client("CN=alice,O=Example").issue(), "/api/whoami"),
					"certificate has no UID attribute");
			assertRefused(app.get(app.client("UID=u-1,UID=u-2,CN=alice").issue(), "/api/whoami"), "ambiguous");
		}
	}

	@Test
	void attributeSourceByDottedOidTakesTheSingleValueOfThatAttribute() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.stack, this.directory,
				"mtls.auth.principal=attribute:1.3.6.1.4.1.55555.7")) {
			assertThat(principal(app.get(app.client("1.3.6.1.4.1.55555.7=emp-42,CN=alice").issue(), "/api/whoami")))
				.isEqualTo("emp-42");
			assertRefused(app.get(app.client("CN=alice").issue(), "/api/whoami"),
					"certificate has no 1.3.6.1.4.1.55555.7 attribute");
		}
	}

	private static String principal(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonPath.parse(response.body()).read("$.principal", String.class);
	}

	private static List<?> roles(HttpResponse<String> response) {
		return JsonPath.parse(response.body()).read("$.roles[*]", List.class);
	}

	static void assertRefused(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonPath.parse(response.body()).read("$.status", Integer.class)).isEqualTo(401);
		assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
			.startsWith("Client certificate not accepted")
			.contains(reason);
		assertThat(response.body()).doesNotContainPattern("[A-Za-z]+(Exception|Error)\\b")
			.doesNotContain("dev.mtls")
			.doesNotContain("org.springframework")
			.doesNotContain("java.");
	}

}
