package dev.mtls.boot.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code openssl s_client} as a real TLS 1.3 client (session tickets: {@code -sess_out},
 * {@code -sess_in}), run in a directory that holds its {@code ca.crt} and key files.
 */
public final class OpensslSClient {

	private final Path directory;

	public OpensslSClient(Path directory) {
		this.directory = directory;
	}

	/**
	 * Require openssl on the PATH: on CI (CI=true) a missing one fails, elsewhere the
	 * test is skipped.
	 */
	public static void require() {
		String path = System.getenv("PATH");
		boolean present = path != null && Arrays.stream(path.split(java.io.File.pathSeparator))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, "openssl")));
		if ("true".equals(System.getenv("CI"))) {
			assertThat(present).as("openssl must be installed on CI (.ci/run installs it)").isTrue();
		}
		assumeTrue(present, "openssl is not installed");
	}

	/**
	 * Send {@code GET path} over TLS 1.3 to {@code localhost} on loopback and return
	 * everything s_client printed, the HTTP response included.
	 * @param port the server's port
	 * @param path the request path
	 * @param options further s_client options, e.g. {@code -cert}, {@code -sess_in}
	 * @return the output
	 * @throws Exception when openssl cannot be run
	 */
	public String get(int port, String path, String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
				"-servername", "localhost", "-CAfile", "ca.crt", "-tls1_3", "-ign_eof"));
		command.addAll(List.of(options));
		Process process = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.start();
		process.getOutputStream()
			.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return output;
	}

}
