package dev.mtls.boot.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import dev.mtls.boot.client.MtlsClientException.Reason;
import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Named clients configured only through properties against a real nginx with
 * {@code ssl_verify_client on}, on the host network over loopback.
 */
@Testcontainers(disabledWithoutDocker = true)
class NginxMtlsClientContainerTests {

	@TempDir
	static Path directory;

	private static TestPki pki;

	private static GenericContainer<?> nginx;

	private static String url;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientAutoConfiguration.class));

	@BeforeAll
	static void startNginx() {
		pki = new TestPki(directory);
		pki.client().writePem(pki.path("alice.crt"), pki.path("alice.key"));
		pki.untrustedClient().writePem(pki.path("mallory.crt"), pki.path("mallory.key"));
		int port = freeLoopbackPort();
		url = "https://localhost:" + port;
		String config = """
				error_log stderr notice;
				pid /tmp/nginx.pid;
				events {}
				http {
				    access_log off;
				    server {
				        listen 127.0.0.1:%d ssl;
				        server_name localhost;
				        ssl_certificate /etc/nginx/pki/server.crt;
				        ssl_certificate_key /etc/nginx/pki/server.key;
				        ssl_client_certificate /etc/nginx/pki/ca.crt;
				        ssl_verify_client on;
				        location /hello {
				            default_type text/plain;
				            return 200 "hello $ssl_client_s_dn";
				        }
				    }
				}
				""".formatted(port);
		nginx = new GenericContainer<>(DockerImageName.parse("nginx:1.27")).withNetworkMode("host")
			.withCopyToContainer(Transferable.of(config), "/etc/nginx/nginx.conf")
			.withCopyToContainer(Transferable.of(pki.server().chainPem()), "/etc/nginx/pki/server.crt")
			.withCopyToContainer(Transferable.of(pki.server().privateKeyPem()), "/etc/nginx/pki/server.key")
			.withCopyToContainer(Transferable.of(pki.ca().certificatePem()), "/etc/nginx/pki/ca.crt")
			.waitingFor(Wait.forLogMessage(".*start worker process.*", 1));
		nginx.start();
	}

	@AfterAll
	static void stopNginx() {
		if (nginx != null) {
			nginx.stop();
		}
	}

	@Test
	void namedClientConfiguredOnlyThroughPropertiesGets200() {
		this.runner.withPropertyValues(partner("alice")).run((context) -> {
			RestClient restClient = RestClient.builder()
				.apply(context.getBean(MtlsRestClientSsl.class).fromClient("partner"))
				.build();
			assertThat(restClient.get().uri("/hello").retrieve().toEntity(String.class)).satisfies((response) -> {
				assertThat(response.getStatusCode().value()).isEqualTo(200);
				assertThat(response.getBody()).isEqualTo("hello CN=alice,O=mtls tests");
			});
			WebClient webClient = WebClient.builder()
				.apply(context.getBean(MtlsWebClientSsl.class).fromClient("partner"))
				.build();
			assertThat(webClient.get().uri("/hello").retrieve().bodyToMono(String.class).block())
				.isEqualTo("hello CN=alice,O=mtls tests");
		});
	}

	@Test
	void sameCallWithoutKeystoreFailsWithAClearMessage() {
		this.runner
			.withPropertyValues("mtls.clients.partner.base-url=" + url,
					"mtls.clients.partner.truststore.certificate=" + pki.location("ca.crt"))
			.run((context) -> {
				RestClient restClient = RestClient.builder()
					.apply(context.getBean(MtlsRestClientSsl.class).fromClient("partner"))
					.build();
				ResourceAccessException failure = catchThrowableOfType(ResourceAccessException.class,
						() -> restClient.get().uri("/hello").retrieve().body(String.class));
				assertThat(failure.getCause()).isInstanceOf(MtlsClientException.class);
				MtlsClientException explained = (MtlsClientException) failure.getCause();
				assertThat(explained.getReason()).isEqualTo(Reason.NO_CLIENT_CERTIFICATE);
				assertThat(explained.getMessage()).contains("mTLS client 'partner'")
					.contains(url + "/hello")
					.contains("requires a client certificate but this client has none")
					.contains("[CN=Test CA,O=mtls tests]")
					.contains("mtls.clients.partner.keystore");
			});
	}

	@Test
	void certificateFromAnotherCaIsRefusedNamingTheAcceptableCas() {
		this.runner.withPropertyValues(partner("mallory")).run((context) -> {
			WebClient webClient = WebClient.builder()
				.apply(context.getBean(MtlsWebClientSsl.class).fromClient("partner"))
				.build();
			WebClientRequestException failure = catchThrowableOfType(WebClientRequestException.class,
					() -> webClient.get().uri("/hello").retrieve().bodyToMono(String.class).block());
			assertThat(failure.getCause()).isInstanceOf(MtlsClientException.class);
			MtlsClientException explained = (MtlsClientException) failure.getCause();
			assertThat(explained.getReason()).isEqualTo(Reason.CLIENT_CERTIFICATE_REFUSED);
			assertThat(explained.getMessage()).contains("'CN=mallory' issued by 'CN=Other CA'")
				.contains("accepts certificates issued by [CN=Test CA,O=mtls tests]");
		});
	}

	private static String[] partner(String identity) {
		return new String[] { "mtls.clients.partner.base-url=" + url,
				"mtls.clients.partner.keystore.certificate=" + pki.location(identity + ".crt"),
				"mtls.clients.partner.keystore.private-key=" + pki.location(identity + ".key"),
				"mtls.clients.partner.truststore.certificate=" + pki.location("ca.crt") };
	}

	private static int freeLoopbackPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
