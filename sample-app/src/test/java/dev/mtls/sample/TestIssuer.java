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
import java.util.Map;

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
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.test.MtlsTestServer;

/**
 * An OAuth2 issuer made up by a test: its own RSA key, its JWK set served on loopback,
 * and JWTs optionally bound to a client certificate ({@code cnf} {@code x5t#S256}, RFC
 * 8705), so the sample's {@code gateway} profile can be pointed at it.
 */
final class TestIssuer {

	private final RSAKey key;

	private final HttpServer jwkSet;

	private TestIssuer(RSAKey key, HttpServer jwkSet) {
		this.key = key;
		this.jwkSet = jwkSet;
	}

	static TestIssuer start() {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyID("test-issuer").generate();
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			server.createContext("/jwks", (exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return new TestIssuer(key, server);
		}
		catch (IOException | JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String jwkSetUri() {
		return "http://127.0.0.1:" + this.jwkSet.getAddress().getPort() + "/jwks";
	}

	void stop() {
		this.jwkSet.stop(0);
	}

	/**
	 * A signed JWT for the subject, bound to the certificate unless it is {@code null}.
	 */
	String mint(String subject, IssuedCertificate boundTo) throws Exception {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer("https://issuer.test")
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)));
		if (boundTo != null) {
			claims.claim("cnf", Map.of("x5t#S256", thumbprint(boundTo.certificate())));
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
				claims.build());
		jwt.sign(new RSASSASigner(this.key));
		return jwt.serialize();
	}

	/**
	 * GET over mutual TLS with the identity's certificate and, unless {@code null}, the
	 * token.
	 */
	static HttpResponse<String> get(MtlsTestServer server, IssuedCertificate identity, String path, String token)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return server.httpClient(identity).send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String thumbprint(X509Certificate certificate) throws Exception {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
	}

}
