package dev.mtls.boot.test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.mtls.boot.auth.CertificatePrincipal;
import dev.mtls.boot.client.MtlsClient;
import dev.mtls.boot.client.MtlsClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound clients configured with files that exist only in production: the test PKI
 * stands in for them, so the context starts and the clients call the application under
 * test with a certificate of the test PKI.
 */
@MtlsTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mtls.client.keystore.location=file:/etc/tls/production-only/default.p12",
				"mtls.client.keystore.password=production-secret",
				"mtls.client.truststore.certificate=file:/etc/tls/production-only/ca.crt",
				"mtls.clients.partner.base-url=https://partner.example.com",
				"mtls.clients.partner.keystore.certificate=file:/etc/tls/production-only/partner.crt",
				"mtls.clients.partner.keystore.private-key=file:/etc/tls/production-only/partner.key",
				"mtls.clients.partner.truststore.location=file:/etc/tls/production-only/partner-trust.p12",
				"mtls.clients.partner.truststore.password=production-secret",
				"mtls.clients.partner.pins=sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" })
class MtlsTestOutboundClientsTests {

	@Autowired
	MtlsClients clients;

	@Test
	void namedClientPresentsTestPkiCertificateNamedAfterTheClient(MtlsTestServer server) throws Exception {
		assertThat(whoami(this.clients.get("partner"), server)).isEqualTo("partner");
	}

	@Test
	void defaultClientPresentsTestPkiCertificate(MtlsTestServer server) throws Exception {
		assertThat(whoami(this.clients.getDefault(), server)).isEqualTo("mtls-test-client");
	}

	private static String whoami(MtlsClient client, MtlsTestServer server) throws Exception {
		HttpClient http = HttpClient.newBuilder().sslContext(client.getSslBundle().createSslContext()).build();
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri("/whoami")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class TestApplication {

	}

	@RestController
	static class WhoAmIController {

		@GetMapping("/whoami")
		String whoami(@AuthenticationPrincipal CertificatePrincipal caller) {
			return caller.getName();
		}

	}

}
