package dev.mtls.sample;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.test.MtlsTest;
import dev.mtls.boot.test.MtlsTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The sample's {@code gateway} profile over real TLS: {@code GET /api/orders}, called
 * with the certificate and a token bound to it, names the caller and its certificate,
 * alice is held to 5 requests a minute, admin-client has a larger tier, other
 * certificates are in the default tier.
 */
@MtlsTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("gateway")
class GatewayProfileTests {

	static final TestIssuer ISSUER = TestIssuer.start();

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ISSUER::jwkSetUri);
	}

	@AfterAll
	static void stopIssuer() {
		ISSUER.stop();
	}

	/**
	 * GET /api/orders as the profile wants it: the certificate and a token bound to it.
	 */
	private static HttpResponse<String> orders(MtlsTestServer server, String subject) throws Exception {
		IssuedCertificate client = server.pki().client(subject);
		String name = subject.substring(subject.indexOf('=') + 1);
		return TestIssuer.get(server, client, "/api/orders", ISSUER.mint(name, client));
	}

	@Test
	void aliceGetsFiveRequestsAMinuteThen429(MtlsTestServer server) throws Exception {
		for (int remaining = 4; remaining >= 0; remaining--) {
			HttpResponse<String> response = orders(server, "CN=alice");
			assertThat(response.statusCode()).isEqualTo(200);
			DocumentContext body = JsonPath.parse(response.body());
			assertThat(body.read("$.principal", String.class)).isEqualTo("alice");
			assertThat(body.read("$.certificate", String.class)).isEqualTo("alice");
			assertThat(body.read("$.tier", String.class)).isEqualTo("basic");
			assertThat(response.headers().firstValue("RateLimit-Policy")).hasValue("\"basic\";q=5;w=60");
			assertThat(response.headers().firstValue("RateLimit").orElseThrow())
				.startsWith("\"basic\";r=" + remaining + ";");
		}
		HttpResponse<String> refused = orders(server, "CN=alice");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(JsonPath.parse(refused.body()).read("$.title", String.class)).isEqualTo("Too Many Requests");
	}

	@Test
	void adminClientIsInTheLargerTier(MtlsTestServer server) throws Exception {
		for (int i = 0; i < 7; i++) {
			HttpResponse<String> response = orders(server, "CN=admin-client");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(response.body()).read("$.tier", String.class)).isEqualTo("premium");
		}
		assertThat(orders(server, "CN=admin-client").headers().firstValue("RateLimit-Policy"))
			.hasValue("\"premium-0\";q=100;w=60, \"premium-burst\";q=20;w=10");
	}

	@Test
	void otherCertificatesAreInTheBasicTier(MtlsTestServer server) throws Exception {
		HttpResponse<String> response = orders(server, "CN=bob");
		assertThat(JsonPath.parse(response.body()).read("$.tier", String.class)).isEqualTo("basic");
	}

	@Test
	void noCertificateIsRefusedInTheHandshake(MtlsTestServer server) {
		assertThatIOException().isThrownBy(() -> server.getWithoutCertificate("/api/orders"));
	}

}
