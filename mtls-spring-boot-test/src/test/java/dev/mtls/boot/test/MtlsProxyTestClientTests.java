package dev.mtls.boot.test;

import java.nio.file.Path;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.auth.CertificatePrincipal;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.proxy.ForwardedCertificateFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MtlsProxyTestClient} against an application in proxy mode: the certificate
 * counts from the trusted proxy address only, in every format the starter reads.
 */
@MtlsTest
@SpringBootTest(classes = MtlsProxyTestClientTests.ProxiedApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mtls.server.enabled=false", "mtls.proxy.enabled=true", "mtls.proxy.format=pem-urlencoded",
				"mtls.proxy.trusted-proxies=127.0.0.1/32", "mtls.proxy.verify-header=X-SSL-Client-Verify" })
class MtlsProxyTestClientTests {

	@Autowired
	Environment environment;

	@Test
	void certificateFromTheTrustedProxyCountsAndFromAnotherPeerNot(MtlsTestPki pki) {
		MtlsProxyTestClient proxy = MtlsProxyTestClient.of(this.environment, ForwardedCertificateFormat.PEM_URLENCODED)
			.header("X-SSL-Client-Verify", "SUCCESS");
		ResponseEntity<String> trusted = proxy.from("127.0.0.1").post(pki.client("CN=alice"), "/notes", "{}");
		assertThat(trusted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(trusted.getBody()).isEqualTo("created by alice");
		ResponseEntity<String> other = proxy.from("127.0.0.2").post(pki.client("CN=alice"), "/notes", "{}");
		assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void pemUrlEncodingUsesPercentTwentyForSpaces(MtlsTestPki pki) {
		String value = ForwardedCertificates.headers(ForwardedCertificateFormat.PEM_URLENCODED, pki.client("CN=a"))
			.get("X-SSL-Client-Cert");
		assertThat(value).startsWith("-----BEGIN%20CERTIFICATE-----%0A").doesNotContain("+").doesNotContain(" ");
	}

	@Test
	void everyFormatIsForwardedAsTheStarterReadsIt(MtlsTestPki pki, @TempDir Path directory) {
		IssuedCertificate alice = pki.client("CN=alice");
		for (ForwardedCertificateFormat format : ForwardedCertificateFormat.values()) {
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProxiedApplication.class)
				.web(WebApplicationType.SERVLET)
				.properties(Map.copyOf(pki.serverProperties()))
				.properties("server.port=0", "spring.main.banner-mode=off", "mtls.dev-pki.enabled=false",
						"mtls.server.enabled=false", "mtls.proxy.enabled=true",
						"mtls.proxy.format=" + format.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
						"mtls.proxy.trusted-proxies=127.0.0.1/32")
				.run()) {
				MtlsProxyTestClient proxy = MtlsProxyTestClient.of(context.getEnvironment(), format);
				ResponseEntity<String> response = proxy.get(alice, "/whoami");
				assertThat(response.getStatusCode()).as(format.name()).isEqualTo(HttpStatus.OK);
				assertThat(response.getBody()).as(format.name()).isEqualTo("alice");
				assertThat(proxy.get(null, "/whoami").getStatusCode()).as(format.name())
					.isEqualTo(HttpStatus.UNAUTHORIZED);
			}
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ProxiedController.class)
	static class ProxiedApplication {

	}

	@RestController
	static class ProxiedController {

		@GetMapping("/whoami")
		String whoami(@AuthenticationPrincipal CertificatePrincipal caller) {
			return caller.getName();
		}

		@PostMapping("/notes")
		ResponseEntity<String> create(@AuthenticationPrincipal CertificatePrincipal caller) {
			return ResponseEntity.status(HttpStatus.CREATED).body("created by " + caller.getName());
		}

	}

}
