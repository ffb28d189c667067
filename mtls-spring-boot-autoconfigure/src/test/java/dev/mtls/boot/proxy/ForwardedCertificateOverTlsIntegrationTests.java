package dev.mtls.boot.proxy;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application serves mutual TLS itself and the proxy must present its own client
 * certificate ({@code mtls.proxy.trusted-proxy-certificates}) on that connection.
 */
class ForwardedCertificateOverTlsIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void onlyTheProxyCertificateMayForwardAndItNeverPassesForAClient() throws Exception {
		TestPki pki = new TestPki(this.directory);
		IssuedCertificate proxy = CertificateBuilder.endEntity("CN=edge-proxy").clientAuth().issuedBy(pki.ca()).issue();
		String[] properties = Stream
			.concat(Stream.of(pki.pemServerProperties()),
					Stream.of("mtls.proxy.enabled=true", "mtls.proxy.trusted-proxies=127.0.0.1,::1",
							"mtls.proxy.trusted-proxy-certificates=" + proxy.fingerprint().toUpperCase()))
			.toArray(String[]::new);
		try (ConfigurableApplicationContext app = TestServerApplication.runSecured(ProxyTestApplication.SOURCES,
				properties)) {
			String url = "https://localhost:" + TestServerApplication.mtlsPort(app) + "/api/whoami";
			HttpResponse<String> forwarded = HeaderSendingClient.of(proxy, pki.ca())
				.get(url, "X-SSL-Client-Cert", ForwardedCertificateIntegrationTests.escaped(pki.client()));
			assertThat(forwarded.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(forwarded.body()).read("$.principal", String.class)).isEqualTo("alice");

			IssuedCertificate bob = CertificateBuilder.endEntity("CN=bob").clientAuth().issuedBy(pki.ca()).issue();
			HttpResponse<String> notTheProxy = HeaderSendingClient.of(bob, pki.ca())
				.get(url, "X-SSL-Client-Cert", ForwardedCertificateIntegrationTests.escaped(pki.client()));
			assertThat(notTheProxy.statusCode()).isEqualTo(401);

			HttpResponse<String> direct = HeaderSendingClient.of(bob, pki.ca()).get(url, "X-Other", "x");
			assertThat(JsonPath.parse(direct.body()).read("$.principal", String.class)).isEqualTo("bob");

			HttpResponse<String> proxyWithoutHeader = HeaderSendingClient.of(proxy, pki.ca()).get(url, "X-Other", "x");
			assertThat(proxyWithoutHeader.statusCode()).isEqualTo(401);
		}
	}

}
