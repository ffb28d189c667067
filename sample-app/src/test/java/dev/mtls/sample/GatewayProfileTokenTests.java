package dev.mtls.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.mtls.boot.auth.CertificatePrincipal;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.test.MtlsTest;
import dev.mtls.boot.test.MtlsTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The sample's {@code gateway} profile, OAuth2 part: a JWT from an issuer made up by the
 * test (its own RSA key, its JWK set served on loopback) and bound to the client
 * certificate opens {@code /api/orders}; the token's subject is the principal and the
 * certificate principal stays reachable. A probe endpoint under {@code /api/orders/**}
 * (covered by the profile's path policy) shows it with or without the orders controller.
 */
@MtlsTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("gateway")
@Import(GatewayProfileTokenTests.ProbeController.class)
class GatewayProfileTokenTests {

	static final RSAKey ISSUER_KEY = issuerKey();

	static final HttpServer JWK_SET = jwkSetServer();

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				() -> "http://127.0.0.1:" + JWK_SET.getAddress().getPort() + "/jwks");
	}

	@AfterAll
	static void stopJwkSet() {
		JWK_SET.stop(0);
	}

	@Test
	void boundTokenAndCertificateNameTheTokenSubjectAndTheCertificatePrincipal(MtlsTestServer server) throws Exception {
		IssuedCertificate alice = server.pki().client("CN=alice");
		HttpResponse<String> response = get(server, alice, "/api/orders/test-probe", mint("partner-app", alice));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo("partner-app");
		assertThat(JsonPath.parse(response.body()).read("$.certificate", String.class)).isEqualTo("alice");
	}

	@Test
	void tokenBoundToAnotherCertificateOrNoTokenIsRefused(MtlsTestServer server) throws Exception {
		IssuedCertificate alice = server.pki().client("CN=alice");
		IssuedCertificate admin = server.pki().client("CN=admin-client");
		HttpResponse<String> replay = get(server, admin, "/api/orders/test-probe", mint("partner-app", alice));
		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(replay.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
		HttpResponse<String> none = get(server, alice, "/api/orders/test-probe", null);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
	}

	/**
	 * The orders endpoint itself, once the gateway controller is in the build.
	 */
	@Test
	void ordersAnswerTheTokenSubjectAndTheCertificatePrincipal(MtlsTestServer server) throws Exception {
		assumeThat(this.mappings.getHandlerMethods().keySet().stream().map(Object::toString))
			.as("GET /api/orders is mapped")
			.anyMatch((mapping) -> mapping.contains("[/api/orders]"));
		IssuedCertificate alice = server.pki().client("CN=alice");
		HttpResponse<String> response = get(server, alice, "/api/orders", mint("partner-app", alice));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo("partner-app");
		assertThat(JsonPath.parse(response.body()).read("$.certificate", String.class)).isEqualTo("alice");
		HttpResponse<String> unbound = get(server, alice, "/api/orders", mint("partner-app", null));
		assertThat(unbound.statusCode()).isEqualTo(401);
	}

	private static HttpResponse<String> get(MtlsTestServer server, IssuedCertificate identity, String path,
			String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return server.httpClient(identity).send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String mint(String subject, IssuedCertificate boundTo) throws Exception {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer("https://issuer.test")
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)));
		if (boundTo != null) {
			claims.claim("cnf", Map.of("x5t#S256", thumbprint(boundTo.certificate())));
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ISSUER_KEY.getKeyID()).build(),
				claims.build());
		jwt.sign(new RSASSASigner(ISSUER_KEY));
		return jwt.serialize();
	}

	private static String thumbprint(X509Certificate certificate) throws Exception {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
	}

	private static RSAKey issuerKey() {
		try {
			return new RSAKeyGenerator(2048).keyID("test-issuer").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer jwkSetServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			byte[] body = new JWKSet(ISSUER_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			server.createContext("/jwks", (exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
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
