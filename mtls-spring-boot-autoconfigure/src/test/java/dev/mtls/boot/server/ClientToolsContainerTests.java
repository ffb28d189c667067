package dev.mtls.boot.server;

import java.nio.file.Path;

import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * curl and {@code openssl s_client}, run in a container on the host network, against the
 * app over loopback: third-party TLS clients see the same policy as the JDK.
 */
@Testcontainers(disabledWithoutDocker = true)
class ClientToolsContainerTests {

	@TempDir
	static Path directory;

	private static TestPki pki;

	private static ConfigurableApplicationContext app;

	private static GenericContainer<?> tools;

	private static int port;

	@BeforeAll
	static void start() {
		pki = new TestPki(directory);
		app = TestServerApplication.run(pki.pemServerProperties());
		port = TestServerApplication.mtlsPort(app);
		tools = new GenericContainer<>(DockerImageName.parse("debian:bookworm")).withNetworkMode("host")
			.withCommand("sleep", "infinity")
			.withCopyToContainer(Transferable.of(pki.ca().certificatePem()), "/pki/ca.crt")
			.withCopyToContainer(Transferable.of(pki.client().certificatePem()), "/pki/alice.crt")
			.withCopyToContainer(Transferable.of(pki.client().privateKeyPem()), "/pki/alice.key")
			.withCopyToContainer(Transferable.of(pki.untrustedClient().certificatePem()), "/pki/mallory.crt")
			.withCopyToContainer(Transferable.of(pki.untrustedClient().privateKeyPem()), "/pki/mallory.key");
		tools.start();
	}

	@AfterAll
	static void stop() {
		if (tools != null) {
			tools.stop();
		}
		if (app != null) {
			app.close();
		}
	}

	@Test
	void curlWithClientCertificateGets200() throws Exception {
		ExecResult result = tools.execInContainer("curl", "-sS", "--max-time", "20", "--cacert", "/pki/ca.crt",
				"--cert", "/pki/alice.crt", "--key", "/pki/alice.key", "https://localhost:" + port + "/hello");
		assertThat(result.getExitCode()).as(result.getStderr()).isZero();
		assertThat(result.getStdout()).isEqualTo("hello CN=alice,O=mtls tests");
	}

	@Test
	void curlWithoutCertificateIsRefused() throws Exception {
		ExecResult result = tools.execInContainer("curl", "-sS", "--max-time", "20", "--cacert", "/pki/ca.crt",
				"https://localhost:" + port + "/hello");
		assertThat(result.getExitCode()).isNotZero();
		assertThat(result.getStderr()).containsIgnoringCase("alert");
	}

	@Test
	void curlWithUntrustedCertificateIsRefused() throws Exception {
		ExecResult result = tools.execInContainer("curl", "-sS", "--max-time", "20", "--cacert", "/pki/ca.crt",
				"--cert", "/pki/mallory.crt", "--key", "/pki/mallory.key", "https://localhost:" + port + "/hello");
		assertThat(result.getExitCode()).isNotZero();
		assertThat(result.getStderr()).containsIgnoringCase("alert");
	}

	@Test
	void opensslSClientVerifiesServerAndCompletesHandshakeWithCertificate() throws Exception {
		ExecResult result = tools.execInContainer("sh", "-c",
				"printf 'GET /hello HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' | "
						+ "timeout 20 openssl s_client -connect 127.0.0.1:" + port
						+ " -servername localhost -verify_return_error -CAfile /pki/ca.crt"
						+ " -cert /pki/alice.crt -key /pki/alice.key -ign_eof");
		assertThat(result.getExitCode()).as(result.getStderr()).isZero();
		assertThat(result.getStdout()).contains("Verify return code: 0 (ok)")
			.contains("HTTP/1.1 200")
			.contains("hello CN=alice,O=mtls tests");
	}

	@Test
	void opensslSClientSeesAcceptableClientCaNamesAndRefusalWithoutCertificate() throws Exception {
		ExecResult result = tools.execInContainer("sh", "-c",
				"printf 'GET /hello HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' | "
						+ "timeout 20 openssl s_client -connect 127.0.0.1:" + port
						+ " -servername localhost -CAfile /pki/ca.crt -ign_eof");
		String output = result.getStdout() + result.getStderr();
		assertThat(output).contains("Acceptable client certificate CA names").contains("CN = Test CA");
		assertThat(output).doesNotContain("HTTP/1.1 200");
	}

}
