package dev.mtls.boot.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real nginx and HAProxy terminate mutual TLS in front of the application (plain HTTP)
 * and forward the client certificate; each connects to the application from its own
 * loopback address, which is the only trusted proxy. The same header sent by anyone else
 * is refused.
 */
@Testcontainers(disabledWithoutDocker = true)
class ReverseProxyContainerTests {

	@TempDir
	Path directory;

	@Test
	void nginxForwardsEscapedPemAndVerdict() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = ForwardedCertificateIntegrationTests.start(pki,
				"mtls.proxy.trusted-proxies=127.0.0.2/32", "mtls.proxy.format=pem-urlencoded",
				"mtls.proxy.verify-header=X-SSL-Client-Verify")) {
			int appPort = TestServerApplication.serverPort(app);
			int proxyPort = freePort();
			String config = """
					worker_processes 1;
					error_log stderr notice;
					pid /tmp/nginx.pid;
					events { worker_connections 64; }
					http {
					    access_log off;
					    client_body_temp_path /tmp/body;
					    proxy_temp_path /tmp/proxy;
					    server {
					        listen 127.0.0.1:%d ssl;
					        ssl_certificate /pki/server.crt;
					        ssl_certificate_key /pki/server.key;
					        ssl_client_certificate /pki/ca.crt;
					        ssl_verify_client on;
					        location / {
					            proxy_pass http://127.0.0.1:%d;
					            proxy_bind 127.0.0.2;
					            proxy_set_header X-SSL-Client-Cert $ssl_client_escaped_cert;
					            proxy_set_header X-SSL-Client-Verify $ssl_client_verify;
					        }
					    }
					}
					""".formatted(proxyPort, appPort);
			try (GenericContainer<?> nginx = new GenericContainer<>(DockerImageName.parse("nginx:1.27"))
				.withNetworkMode("host")
				.withCopyToContainer(Transferable.of(config), "/etc/nginx/nginx.conf")
				.withCopyToContainer(Transferable.of(pki.server().chainPem()), "/pki/server.crt")
				.withCopyToContainer(Transferable.of(pki.server().privateKeyPem()), "/pki/server.key")
				.withCopyToContainer(Transferable.of(pki.ca().certificatePem()), "/pki/ca.crt")
				.waitingFor(
						Wait.forLogMessage(".*start worker process.*", 1).withStartupTimeout(Duration.ofSeconds(60)))) {
				nginx.start();
				assertThroughProxyAndSpoofRefused(pki, app, proxyPort, "X-SSL-Client-Cert",
						ForwardedCertificateIntegrationTests.escaped(pki.client()));
			}
		}
	}

	@Test
	void haproxyForwardsBase64Der() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext app = ForwardedCertificateIntegrationTests.start(pki,
				"mtls.proxy.trusted-proxies=127.0.0.3/32", "mtls.proxy.format=der-base64")) {
			int appPort = TestServerApplication.serverPort(app);
			int proxyPort = freePort();
			String config = """
					global
					    log stderr format raw local0 info
					defaults
					    mode http
					    log global
					    timeout connect 5s
					    timeout client 30s
					    timeout server 30s
					frontend mtls
					    bind 127.0.0.1:%d ssl crt /pki/server.pem ca-file /pki/ca.crt verify required
					    http-request del-header X-SSL-Client-Cert
					    http-request set-header X-SSL-Client-Cert %%[ssl_c_der,base64]
					    default_backend app
					backend app
					    server app 127.0.0.1:%d source 127.0.0.3
					""".formatted(proxyPort, appPort);
			try (GenericContainer<?> haproxy = new GenericContainer<>(DockerImageName.parse("haproxy:3.2"))
				.withNetworkMode("host")
				.withCopyToContainer(Transferable.of(config), "/usr/local/etc/haproxy/haproxy.cfg")
				.withCopyToContainer(Transferable.of(pki.server().chainPem() + pki.server().privateKeyPem()),
						"/pki/server.pem")
				.withCopyToContainer(Transferable.of(pki.ca().certificatePem()), "/pki/ca.crt")
				.waitingFor(Wait.forLogMessage(".*Loading success.*", 1).withStartupTimeout(Duration.ofSeconds(60)))) {
				haproxy.start();
				assertThroughProxyAndSpoofRefused(pki, app, proxyPort, "X-SSL-Client-Cert",
						java.util.Base64.getEncoder().encodeToString(pki.client().certificate().getEncoded()));
			}
		}
	}

	private static void assertThroughProxyAndSpoofRefused(TestPki pki, ConfigurableApplicationContext app,
			int proxyPort, String header, String spoofedValue) throws Exception {
		HttpResponse<String> viaProxy = MtlsClient.of(pki.client(), pki.ca())
			.get("https://localhost:" + proxyPort + "/api/whoami");
		assertThat(viaProxy.statusCode()).as(viaProxy.body()).isEqualTo(200);
		assertThat(JsonPath.parse(viaProxy.body()).read("$.principal", String.class)).isEqualTo("alice");
		assertThat(JsonPath.parse(viaProxy.body()).read("$.fingerprint", String.class))
			.isEqualTo(pki.client().fingerprint());
		HttpResponse<String> spoofed = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + TestServerApplication.serverPort(app) + "/api/whoami"))
				.header(header, spoofedValue)
				.header("X-SSL-Client-Verify", "SUCCESS")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(spoofed.statusCode()).isEqualTo(401);
		HttpResponse<String> untrustedViaProxy = null;
		try {
			untrustedViaProxy = MtlsClient.of(pki.untrustedClient(), pki.ca())
				.get("https://localhost:" + proxyPort + "/api/whoami");
		}
		catch (IOException ex) {
			// The proxy refused the handshake: fine.
		}
		if (untrustedViaProxy != null) {
			assertThat(untrustedViaProxy.statusCode()).isBetween(400, 499);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
