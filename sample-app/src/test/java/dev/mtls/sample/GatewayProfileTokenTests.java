package dev.mtls.sample;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.auth.CertificatePrincipal;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.test.MtlsTest;
import dev.mtls.boot.test.MtlsTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's {@code gateway} profile, OAuth2 part: a JWT from an issuer made up by the
 * test (its own RSA key, its JWK set served on loopback) and bound to the client
 * certificate opens {@code /api/orders}; the token's subject is the principal and the
 * certificate principal stays reachable, on {@code /api/orders} and on a probe endpoint
 * under {@code /api/orders/**} (covered by the profile's path policy).
 */
@MtlsTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("gateway")
@Import(GatewayProfileTokenTests.ProbeController.class)
class GatewayProfileTokenTests {

	static final TestIssuer ISSUER = TestIssuer.start();

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ISSUER::jwkSetUri);
	}

	@AfterAll
	static void stopJwkSet() {
		ISSUER.stop();
	}

	@Test
	void boundTokenAndCertificateNameTheTokenSubjectAndTheCertificatePrincipal(MtlsTestServer server) throws Exception {
		IssuedCertificate alice = server.pki().client("CN=alice");
		HttpResponse<String> response = TestIssuer.get(server, alice, "/api/orders/test-probe",
				ISSUER.mint("partner-app", alice));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo("partner-app");
		assertThat(JsonPath.parse(response.body()).read("$.certificate", String.class)).isEqualTo("alice");
	}

	@Test
	void tokenBoundToAnotherCertificateOrNoTokenIsRefused(MtlsTestServer server) throws Exception {
		IssuedCertificate alice = server.pki().client("CN=alice");
		IssuedCertificate admin = server.pki().client("CN=admin-client");
		HttpResponse<String> replay = TestIssuer.get(server, admin, "/api/orders/test-probe",
				ISSUER.mint("partner-app", alice));
		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(replay.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
		HttpResponse<String> none = TestIssuer.get(server, alice, "/api/orders/test-probe", null);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
	}

	@Test
	void ordersAnswerTheTokenSubjectAndTheCertificatePrincipal(MtlsTestServer server) throws Exception {
		IssuedCertificate alice = server.pki().client("CN=alice");
		HttpResponse<String> response = TestIssuer.get(server, alice, "/api/orders", ISSUER.mint("partner-app", alice));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo("partner-app");
		assertThat(JsonPath.parse(response.body()).read("$.certificate", String.class)).isEqualTo("alice");
		HttpResponse<String> unbound = TestIssuer.get(server, alice, "/api/orders", ISSUER.mint("partner-app", null));
		assertThat(unbound.statusCode()).isEqualTo(401);
	}

	@RestController
	static class ProbeController {

		@GetMapping("/api/orders/test-probe")
		Map<String, Object> probe(Authentication authentication,
				@AuthenticationPrincipal CertificatePrincipal certificate) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("principal", authentication.getName());
			body.put("certificate", (certificate != null) ? certificate.getName() : null);
			return body;
		}

	}

}
