package dev.mtls.boot.testing.docker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of the container set-up the integration tests rely on: public image names
 * (substituted by {@link LocalImageSubstitutor} on CI), host networking, configuration
 * copied into the container, waiting on a log line.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalImagesContainerTest {

	@Test
	void toolsImageHasOpensslAndCurl() throws Exception {
		try (GenericContainer<?> tools = new GenericContainer<>(DockerImageName.parse("debian:bookworm"))
			.withNetworkMode("host")
			.withCommand("sleep", "infinity")) {
			tools.start();
			assertSubstitutedOnCi(tools, "local/tools:bookworm");

			ExecResult openssl = tools.execInContainer("openssl", "version");
			assertThat(openssl.getExitCode()).as("openssl version: %s", openssl.getStderr()).isZero();
			assertThat(openssl.getStdout()).contains("OpenSSL");

			ExecResult curl = tools.execInContainer("curl", "--version");
			assertThat(curl.getExitCode()).as("curl --version: %s", curl.getStderr()).isZero();
			assertThat(curl.getStdout()).contains("curl");
		}
	}

	@Test
	void nginxOnHostNetworkAnswersOnLoopbackPort() throws Exception {
		int port = freeLoopbackPort();
		String config = """
				worker_processes 1;
				error_log stderr notice;
				pid /tmp/nginx.pid;
				events {
				    worker_connections 64;
				}
				http {
				    access_log off;
				    server {
				        listen 127.0.0.1:%d;
				        location / {
				            return 200 'ok';
				        }
				    }
				}
				""".formatted(port);
		try (GenericContainer<?> nginx = new GenericContainer<>(DockerImageName.parse("nginx:1.27"))
			.withNetworkMode("host")
			.withCopyToContainer(Transferable.of(config), "/etc/nginx/nginx.conf")
			.waitingFor(Wait.forLogMessage(".*start worker process.*", 1).withStartupTimeout(Duration.ofSeconds(60)))) {
			nginx.start();
			assertSubstitutedOnCi(nginx, "local/nginx:bookworm");

			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
				.timeout(Duration.ofSeconds(10))
				.GET()
				.build();
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("nginx logs:%n%s", nginx.getLogs()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("ok");
		}
	}

	private static void assertSubstitutedOnCi(GenericContainer<?> container, String localImage) {
		if ("true".equalsIgnoreCase(System.getenv(LocalImageSubstitutor.ENV_VARIABLE))) {
			assertThat(container.getDockerImageName()).isEqualTo(localImage);
		}
	}

	private static int freeLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
