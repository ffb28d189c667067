package dev.mtls.boot.oauth2;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate-bound tokens beyond a JWT over direct TLS: an opaque token whose
 * introspection response carries {@code cnf}, and a JWT presented with a client
 * certificate that a trusted proxy forwarded in a header.
 */
class OpaqueAndForwardedTokenBindingIntegrationTests {

	// The authorization server's auto-configuration, on this class path for the tests,
	// would give the services a JwtDecoder of their own.
	static final String WITHOUT_AUTHORIZATION_SERVER = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
			+ "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration";

	@TempDir
	static Path directory;

	static TestPki pki;

	// Leaf and CA: Spring Authorization Server takes a one-certificate chain for
	// self_signed_tls_client_auth.
	static IssuedCertificate serviceA;

	static ConfigurableApplicationContext authorizationServer;

	static ConfigurableApplicationContext opaqueService;

	static ConfigurableApplicationContext proxiedService;

	static String issuer;

	@BeforeAll
	static void start() {
		pki = new TestPki(directory);
		IssuedCertificate leaf = CertificateBuilder.endEntity(AuthorizationServerApplication.SERVICE_A_DN)
			.clientAuth()
			.issuedBy(pki.ca())
			.issue();
		serviceA = new IssuedCertificate(leaf.certificate(), leaf.privateKey(),
				List.of(leaf.certificate(), pki.ca().certificate()));
		authorizationServer = TestServerApplication.runSecured(new Class<?>[] { AuthorizationServerApplication.class },
				with(pki.pemServerProperties(), "mtls.server.client-auth=want", "mtls.auth.enabled=false"));
		issuer = "https://localhost:" + TestServerApplication.serverPort(authorizationServer);
		opaqueService = TestServerApplication.runSecured(new Class<?>[] { ResourceServerApplication.class },
				with(pki.pemServerProperties(), WITHOUT_AUTHORIZATION_SERVER,
						"mtls.client.truststore.certificate=" + pki.location("ca.crt"),
						"mtls.client.reuse-server-identity=false",
						"test.introspection-uri=" + issuer + "/oauth2/introspect", "mtls.auth.paths[0].pattern=/bound",
						"mtls.auth.paths[0].bearer-token=certificate-bound", "mtls.auth.paths[1].pattern=/both",
						"mtls.auth.paths[1].bearer-token=required"));
		proxiedService = TestServerApplication.runSecured(new Class<?>[] { ResourceServerApplication.class },
				WITHOUT_AUTHORIZATION_SERVER, "mtls.server.enabled=false",
				"mtls.server.truststore.certificate=" + pki.location("ca.crt"), "mtls.proxy.enabled=true",
				"mtls.proxy.format=pem-urlencoded", "mtls.proxy.trusted-proxies=127.0.0.1/32,::1/128",
				"mtls.client.truststore.certificate=" + pki.location("ca.crt"),
				"mtls.client.reuse-server-identity=false", "test.jwk-set-uri=" + issuer + "/oauth2/jwks",
				"mtls.auth.paths[0].pattern=/bound", "mtls.auth.paths[0].bearer-token=certificate-bound");
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { proxiedService,
				opaqueService, authorizationServer }) {
			if (context != null) {
				context.close();
			}
		}
	}

	@Test
	void introspectedOpaqueTokenBoundToTheCertificateIsAcceptedAndRefusedWithAnother() throws Exception {
		String token = "Bearer " + CertificateBoundTokenIntegrationTests.token(issuer,
				MtlsClient.of(serviceA, pki.ca()), form("client-a-opaque"), null);
		assertThat(token.chars().filter((c) -> c == '.').count()).as("opaque, not a JWT").isZero();
		HttpResponse<String> own = MtlsClient.of(serviceA, pki.ca()).get(opaque("/bound"), "Authorization", token);
		assertThat(own.statusCode()).as(own.headers().map() + " " + own.body()).isEqualTo(200);
		assertThat(own.body()).startsWith("principal=client-a-opaque;certificate=service-a;");
		for (String path : new String[] { "/bound", "/both" }) {
			HttpResponse<String> replay = MtlsClient.of(pki.client(), pki.ca())
				.get(opaque(path), "Authorization", token);
			assertThat(replay.statusCode()).as(path).isEqualTo(401);
			assertThat(replay.headers().firstValue("WWW-Authenticate")).as(path)
				.hasValueSatisfying(
						(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
		}
	}

	@Test
	void unboundOpaqueTokenIsRefusedWhereTheBindingIsRequired() throws Exception {
		String token = "Bearer " + CertificateBoundTokenIntegrationTests.secretClientToken(issuer, pki, "client-plain");
		HttpResponse<String> response = MtlsClient.of(serviceA, pki.ca()).get(opaque("/bound"), "Authorization", token);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
	}

	@Test
	void tokenBindingHoldsForACertificateForwardedByATrustedProxy() throws Exception {
		String token = "Bearer " + CertificateBoundTokenIntegrationTests.token(issuer,
				MtlsClient.of(serviceA, pki.ca()), form("client-a"), null);
		HttpResponse<String> own = forwarded(leafPem(serviceA), token);
		assertThat(own.statusCode()).as(own.headers().map() + " " + own.body()).isEqualTo(200);
		assertThat(own.body()).startsWith("principal=client-a;certificate=service-a;");
		HttpResponse<String> other = forwarded(pki.client().certificatePem(), token);
		assertThat(other.statusCode()).isEqualTo(401);
		assertThat(other.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
	}

	private HttpResponse<String> forwarded(String certificatePem, String token) throws Exception {
		String url = "http://127.0.0.1:" + TestServerApplication.serverPort(proxiedService) + "/bound";
		return MtlsClient.plain()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
				.header("X-SSL-Client-Cert",
						URLEncoder.encode(certificatePem, StandardCharsets.UTF_8).replace("+", "%20"))
				.header("Authorization", token)
				.GET()
				.build());
	}

	private static String leafPem(IssuedCertificate certificate) {
		return IssuedCertificate.pem(List.of(certificate.certificate()));
	}

	private static String form(String clientId) {
		return "grant_type=client_credentials&scope=orders.read&client_id=" + clientId;
	}

	private static String opaque(String path) {
		return "https://localhost:" + TestServerApplication.serverPort(opaqueService) + path;
	}

	private static String[] with(String[] base, String... more) {
		String[] all = new String[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

}
