package dev.mtls.boot.oauth2;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.client.MtlsRestClientSsl;
import dev.mtls.boot.client.MtlsWebClientSsl;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Certificate and bearer token together, end to end over real TLS: a Spring Authorization
 * Server issues certificate-bound tokens (RFC 8705) to client A, which authenticates to
 * the token endpoint with its certificate ({@code tls_client_auth}) through the starter's
 * named client; service B requires, per path, a certificate, a token, both, or a token
 * bound to the certificate.
 */
class CertificateBoundTokenIntegrationTests {

	@TempDir
	static Path directory;

	static TestPki pki;

	static IssuedCertificate serviceA;

	static ConfigurableApplicationContext authorizationServer;

	static ConfigurableApplicationContext serviceB;

	static ConfigurableApplicationContext clientA;

	static String issuer;

	@BeforeAll
	static void start() {
		pki = new TestPki(directory);
		serviceA = CertificateBuilder.endEntity(AuthorizationServerApplication.SERVICE_A_DN)
			.clientAuth()
			.issuedBy(pki.ca())
			.issue();
		serviceA.writePem(pki.path("service-a.crt"), pki.path("service-a.key"));
		// Spring Authorization Server takes a one-certificate chain for
		// self_signed_tls_client_auth: client A presents its CA too.
		pki.write("service-a.crt", serviceA.certificatePem() + pki.ca().certificatePem());
		authorizationServer = TestServerApplication.runSecured(new Class<?>[] { AuthorizationServerApplication.class },
				with(pki.pemServerProperties(), "mtls.server.client-auth=want", "mtls.auth.enabled=false"));
		issuer = "https://localhost:" + TestServerApplication.serverPort(authorizationServer);
		serviceB = TestServerApplication.runSecured(new Class<?>[] { ResourceServerApplication.class },
				with(pki.pemServerProperties(), "mtls.server.client-auth=want",
						"mtls.client.truststore.certificate=" + pki.location("ca.crt"),
						"mtls.client.reuse-server-identity=false", "test.jwk-set-uri=" + issuer + "/oauth2/jwks",
						"mtls.auth.roles.service-a=ORDERS", "mtls.auth.paths[0].pattern=/bound",
						"mtls.auth.paths[0].bearer-token=certificate-bound", "mtls.auth.paths[1].pattern=/both",
						"mtls.auth.paths[1].bearer-token=required", "mtls.auth.paths[2].pattern=/token-only",
						"mtls.auth.paths[2].required=false", "mtls.auth.paths[2].bearer-token=required",
						"mtls.auth.paths[3].pattern=/admin", "mtls.auth.paths[3].roles=ADMIN",
						"mtls.auth.paths[3].bearer-token=required"));
		clientA = new SpringApplicationBuilder(ClientApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off",
					"mtls.clients.orders.base-url=https://localhost:" + TestServerApplication.serverPort(serviceB),
					"mtls.clients.orders.keystore.certificate=" + pki.location("service-a.crt"),
					"mtls.clients.orders.keystore.private-key=" + pki.location("service-a.key"),
					"mtls.clients.orders.truststore.certificate=" + pki.location("ca.crt"),
					"mtls.clients.orders.oauth2-registration=orders",
					"spring.security.oauth2.client.registration.orders.client-id=client-a",
					"spring.security.oauth2.client.registration.orders.authorization-grant-type=client_credentials",
					"spring.security.oauth2.client.registration.orders.client-authentication-method=tls_client_auth",
					"spring.security.oauth2.client.registration.orders.scope=orders.read",
					"spring.security.oauth2.client.registration.orders.provider=test-as",
					"spring.security.oauth2.client.provider.test-as.token-uri=" + issuer + "/oauth2/token")
			.run();
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { clientA, serviceB,
				authorizationServer }) {
			if (context != null) {
				context.close();
			}
		}
	}

	@Test
	void clientFetchesACertificateBoundTokenWithItsCertificateAndCallsTheService() {
		AtomicReference<String> sent = new AtomicReference<>();
		RestClient orders = ordersClient(sent);
		String answer = orders.get().uri("/bound").retrieve().body(String.class);
		// The token's subject is the principal; the certificate principal stays
		// reachable, and the authorities are the token's scopes plus the certificate's
		// roles.
		assertThat(answer).startsWith("principal=client-a;certificate=service-a;authorities=")
			.contains("SCOPE_orders.read", "ROLE_ORDERS");
		assertThat(sent.get()).startsWith("Bearer ");
		String first = sent.get();
		orders.get().uri("/both").retrieve().body(String.class);
		assertThat(sent.get()).as("token reused until shortly before it expires").isEqualTo(first);
		assertThat(claims(first)).contains("\"x5t#S256\"");
	}

	@Test
	void webClientOfAClientWithATokenRegistrationIsRefusedRatherThanCallingWithoutToken() {
		MtlsWebClientSsl webClientSsl = clientA.getBean(MtlsWebClientSsl.class);
		assertThatIllegalStateException().isThrownBy(() -> webClientSsl.fromClient("orders"))
			.withMessageContaining("mtls.clients.orders.oauth2-registration")
			.withMessageContaining("RestClient and RestTemplate only");
	}

	@Test
	void sameTokenReplayedWithAnotherTrustedCertificateIsRefusedAsInvalidToken() throws Exception {
		AtomicReference<String> sent = new AtomicReference<>();
		ordersClient(sent).get().uri("/bound").retrieve().body(String.class);
		for (String path : new String[] { "/bound", "/both" }) {
			HttpResponse<String> replay = MtlsClient.of(pki.client(), pki.ca())
				.get(serviceB(path), "Authorization", sent.get());
			assertThat(replay.statusCode()).as(path).isEqualTo(401);
			assertThat(replay.headers().firstValue("WWW-Authenticate")).as(path)
				.hasValueSatisfying(
						(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
		}
	}

	@Test
	void tokenWithoutConfirmationIsRefusedWhereTheBindingIsRequired() throws Exception {
		String unbound = "Bearer " + secretClientToken("client-plain");
		assertThat(claims(unbound)).doesNotContain("cnf");
		HttpResponse<String> bound = MtlsClient.of(serviceA, pki.ca())
			.get(serviceB("/bound"), "Authorization", unbound);
		assertThat(bound.statusCode()).isEqualTo(401);
		assertThat(bound.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
		HttpResponse<String> both = MtlsClient.of(serviceA, pki.ca()).get(serviceB("/both"), "Authorization", unbound);
		assertThat(both.statusCode()).isEqualTo(200);
		assertThat(both.body()).startsWith("principal=client-plain;certificate=service-a;");
	}

	@Test
	void pathThatNeedsBothRefusesACertificateWithoutTokenWithABearerChallenge() throws Exception {
		HttpResponse<String> response = MtlsClient.of(serviceA, pki.ca()).get(serviceB("/both"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer").doesNotContain("error="));
	}

	@Test
	void pathThatNeedsBothStillRefusesATokenWithoutCertificateAsToday() throws Exception {
		String unbound = "Bearer " + secretClientToken("client-plain");
		HttpResponse<String> response = MtlsClient.of(null, pki.ca()).get(serviceB("/both"), "Authorization", unbound);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("ClientCertificate");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void certificateRolesOfAPathStillApplyWithAToken() throws Exception {
		String unbound = "Bearer " + secretClientToken("client-plain");
		HttpResponse<String> response = MtlsClient.of(serviceA, pki.ca())
			.get(serviceB("/admin"), "Authorization", unbound);
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void bearerOnlyPathServesATokenWithoutCertificateAndRefusesNoToken() throws Exception {
		String unbound = "Bearer " + secretClientToken("client-plain");
		HttpResponse<String> token = MtlsClient.of(null, pki.ca())
			.get(serviceB("/token-only"), "Authorization", unbound);
		assertThat(token.statusCode()).isEqualTo(200);
		assertThat(token.body()).startsWith("principal=client-plain;certificate=none;");
		HttpResponse<String> none = MtlsClient.of(null, pki.ca()).get(serviceB("/token-only"));
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer").doesNotContain("error="));
	}

	@Test
	void certificateOnlyPathIgnoresTokensAndBehavesAsBefore() throws Exception {
		String unbound = "Bearer " + secretClientToken("client-plain");
		HttpResponse<String> withToken = MtlsClient.of(serviceA, pki.ca())
			.get(serviceB("/cert"), "Authorization", unbound);
		assertThat(withToken.body()).startsWith("principal=service-a;certificate=service-a;authorities=")
			.contains("ROLE_ORDERS")
			.doesNotContain("SCOPE_");
		HttpResponse<String> anonymous = MtlsClient.of(null, pki.ca()).get(serviceB("/cert"), "Authorization", unbound);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("ClientCertificate");
	}

	private static RestClient ordersClient(AtomicReference<String> sent) {
		return RestClient.builder()
			.apply(clientA.getBean(MtlsRestClientSsl.class).fromClient("orders"))
			.requestInterceptor((request, body, execution) -> {
				sent.set(request.getHeaders().getFirst("Authorization"));
				return execution.execute(request, body);
			})
			.build();
	}

	static String secretClientToken(String clientId) throws Exception {
		return secretClientToken(issuer, pki, clientId);
	}

	static String secretClientToken(String issuer, TestPki pki, String clientId) throws Exception {
		return token(issuer, MtlsClient.of(pki.client(), pki.ca()), "grant_type=client_credentials&scope=orders.read",
				"Basic " + Base64.getEncoder()
					.encodeToString((clientId + ":secret-of-" + clientId).getBytes(StandardCharsets.UTF_8)));
	}

	static String token(String issuer, MtlsClient client, String form, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		HttpResponse<String> response = client.send(request.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonPath.parse(response.body()).read("$.access_token", String.class);
	}

	private static String serviceB(String path) {
		return "https://localhost:" + TestServerApplication.serverPort(serviceB) + path;
	}

	private static String claims(String authorization) {
		String jwt = authorization.substring("Bearer ".length());
		return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
	}

	private static String[] with(String[] base, String... more) {
		String[] all = new String[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

}
