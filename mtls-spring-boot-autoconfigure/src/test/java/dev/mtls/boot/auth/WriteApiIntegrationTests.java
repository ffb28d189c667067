package dev.mtls.boot.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's acceptance: a new application with only the starter, the quick-start
 * properties and {@code @RequireCertificate(roles = "ADMIN")} on a {@code @DeleteMapping}
 * serves write requests from certificate-authenticated API clients, refuses what it must
 * with a 403 that names the cause, answers 405 to a wrong method and never creates a
 * session. Over real TLS with {@code client-auth=need}.
 */
@ExtendWith(OutputCaptureExtension.class)
class WriteApiIntegrationTests {

	@TempDir
	static Path directory;

	static TestPki pki;

	static ConfigurableApplicationContext context;

	static IssuedCertificate admin;

	static IssuedCertificate alice;

	@BeforeAll
	static void start() {
		pki = new TestPki(directory);
		// The quick start: server identity, client CA, and one role mapping.
		context = TestServerApplication.runSecured(WriteApiTestApplication.SOURCES,
				"mtls.server.keystore.certificate=" + pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + pki.location("server.key"),
				"mtls.server.truststore.certificate=" + pki.location("ca.crt"), "mtls.auth.roles.admin-client=ADMIN",
				"logging.level.dev.mtls.boot.auth=DEBUG");
		admin = CertificateBuilder.endEntity("CN=admin-client").clientAuth().issuedBy(pki.ca()).issue();
		alice = CertificateBuilder.endEntity("CN=alice").clientAuth().issuedBy(pki.ca()).issue();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void adminDeletesWith204AndNoSessionCookie() throws Exception {
		HttpResponse<String> response = send(admin, "DELETE", "/orders/1");
		assertThat(response.statusCode()).isEqualTo(204);
		assertNoSessionCookie(response);
	}

	@Test
	void certificateWithoutTheRoleGets403NamingTheMissingRole(CapturedOutput output) throws Exception {
		HttpResponse<String> response = send(alice, "DELETE", "/orders/1");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
			.isEqualTo("The client certificate lacks a role this resource requires.");
		assertNoSessionCookie(response);
		assertThat(output).contains("Refused 'alice' (sha256=" + alice.fingerprint() + ") for DELETE /orders/1: "
				+ "@RequireCertificate on OrdersController.delete() requires one of the roles [ADMIN], "
				+ "the certificate has []");
	}

	@Test
	void crossSiteBrowserRequestGets403NamingCrossOriginEvenForAdmin(CapturedOutput output) throws Exception {
		HttpResponse<String> response = send(admin, "DELETE", "/orders/1", "Sec-Fetch-Site", "cross-site", "Origin",
				"https://evil.example");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
			.isEqualTo("Cross-origin request refused: Sec-Fetch-Site is cross-site.");
		assertNoSessionCookie(response);
		assertThat(output)
			.contains("Refused cross-origin DELETE /orders/1 (Sec-Fetch-Site is cross-site, "
					+ "Origin: https://evil.example)")
			.contains("mtls.auth.cross-origin.trusted-origins");
	}

	@Test
	void wrongMethodGets405() throws Exception {
		HttpResponse<String> post = send(admin, "POST", "/orders/1");
		assertThat(post.statusCode()).isEqualTo(405);
		assertNoSessionCookie(post);
		assertThat(send(alice, "DELETE", "/orders").statusCode()).isEqualTo(405);
	}

	@Test
	void anyAcceptedCertificatePostsPutsAndPatches() throws Exception {
		HttpResponse<String> created = send(alice, "POST", "/orders");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(JsonPath.parse(created.body()).read("$.owner", String.class)).isEqualTo("alice");
		assertThat(created.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).contains("/orders/"));
		assertNoSessionCookie(created);
		assertThat(send(alice, "PUT", "/orders/7").statusCode()).isEqualTo(200);
		assertThat(send(alice, "PATCH", "/orders/7").statusCode()).isEqualTo(200);
	}

	@Test
	void sameOriginBrowserRequestsPass() throws Exception {
		assertThat(send(admin, "DELETE", "/orders/1", "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(204);
		assertThat(send(admin, "DELETE", "/orders/1", "Sec-Fetch-Site", "none").statusCode()).isEqualTo(204);
		// An older browser without Sec-Fetch-Site, on the application's own origin.
		assertThat(send(admin, "DELETE", "/orders/1", "Origin", baseUrl()).statusCode()).isEqualTo(204);
	}

	@Test
	void olderBrowserWithForeignOriginGets403() throws Exception {
		HttpResponse<String> response = send(admin, "POST", "/orders", "Origin", "https://evil.example");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
			.isEqualTo("Cross-origin request refused: Origin does not match the request's own origin.");
	}

	@Test
	void sameSiteRequestGets403UnlessAllowed() throws Exception {
		HttpResponse<String> response = send(admin, "DELETE", "/orders/1", "Sec-Fetch-Site", "same-site", "Origin",
				"https://other.localhost");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
			.isEqualTo("Cross-origin request refused: Sec-Fetch-Site is same-site.");
	}

	@Test
	void crossSiteSafeRequestPasses() throws Exception {
		HttpResponse<String> response = send(alice, "GET", "/orders", "Sec-Fetch-Site", "cross-site", "Origin",
				"https://evil.example");
		assertThat(response.statusCode()).isEqualTo(200);
		assertNoSessionCookie(response);
	}

	static void assertNoSessionCookie(HttpResponse<String> response) {
		assertThat(response.headers().allValues("Set-Cookie")).as(response.statusCode() + " " + response.body())
			.isEmpty();
	}

	static String baseUrl() {
		return "https://localhost:" + TestServerApplication.mtlsPort(context);
	}

	static HttpResponse<String> send(IssuedCertificate identity, String method, String path, String... headers)
			throws Exception {
		boolean hasBody = !method.equals("GET") && !method.equals("DELETE");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.timeout(Duration.ofSeconds(20))
			.method(method, hasBody ? HttpRequest.BodyPublishers.ofString("{\"item\":\"book\"}")
					: HttpRequest.BodyPublishers.noBody());
		if (hasBody) {
			request.header("Content-Type", "application/json");
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return MtlsClient.of(identity, pki.ca()).send(request.build());
	}

}
