package dev.mtls.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged sample jar, started as its users start it, with PEM files from a PKI that
 * the OpenSSL command line made (nothing of this project's code issued them), called by
 * real curl.
 * <p>
 * Specified once, run against both samples: concrete subclasses in sample-app and
 * sample-webflux-app name their application class; failsafe passes each module's jar as
 * system property {@code sample.jar}.
 */
public abstract class SampleJarWithIndependentPkiSpecification {

	private static final Pattern STARTED = Pattern.compile("(?:Tomcat|Netty) started on port (\\d+) \\(https\\)");

	@TempDir
	static Path pki;

	private static RunningJar app;

	private static int port;

	@BeforeAll
	static void startJarWithOpenSslPki() throws Exception {
		requireTool("openssl");
		requireTool("curl");
		createPki();
		app = new RunningJar();
		port = app.port;
	}

	@AfterAll
	static void stop() throws Exception {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void acceptsClientCertificateFromIndependentCa() throws Exception {
		Result result = curl("--cert", pki.resolve("partner.crt").toString(), "--key",
				pki.resolve("partner.key").toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(JsonPath.parse(result.output()).read("$.principal", String.class)).isEqualTo("partner");
		assertThat(JsonPath.parse(result.output()).read("$.issuer", String.class)).isEqualTo("CN=Independent CA");
	}

	@Test
	void refusesClientCertificateFromAnotherCa() throws Exception {
		Result result = curl("--cert", pki.resolve("rogue.crt").toString(), "--key",
				pki.resolve("rogue.key").toString());
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).containsAnyOf("alert", "SSL");
	}

	@Test
	void refusesCallerWithoutCertificate() throws Exception {
		Result result = curl();
		assertThat(result.exitCode()).as(result.output()).isNotZero();
	}

	@Test
	void staticRoleTableLetsAdminClientReachAdminWhileAliceGets403() throws Exception {
		try (RunningJar jar = new RunningJar("--mtls.auth.roles.admin-client=ADMIN")) {
			Result admin = curlAs(jar.port, "admin-client", "/api/admin");
			assertThat(admin.output()).as(admin.output()).endsWith("200");
			Result alice = curlAs(jar.port, "alice", "/api/admin");
			assertThat(alice.output()).as(alice.output()).endsWith("403").contains("application/problem+json");
		}
	}

	@Test
	void roleAttributeOuTurnsOuAdminIntoRoleAdmin() throws Exception {
		try (RunningJar jar = new RunningJar("--mtls.auth.role-attribute=OU")) {
			Result ops = curlAs(jar.port, "ops", "/api/whoami");
			assertThat(JsonPath.parse(body(ops)).read("$.roles", List.class)).contains("ADMIN", "Billing");
			assertThat(curlAs(jar.port, "ops", "/api/admin").output()).endsWith("200");
		}
	}

	@Test
	void spiffeIdBecomesThePrincipal() throws Exception {
		// spiffe.properties, the sample's configuration for SPIFFE workloads, replaces
		// application.properties (whose CN-keyed role table would refuse to start)
		try (RunningJar jar = new RunningJar("--spring.config.name=spiffe")) {
			Result workload = curlAs(jar.port, "workload", "/api/whoami");
			assertThat(JsonPath.parse(body(workload)).read("$.principal", String.class))
				.isEqualTo("spiffe://example.org/ns/prod/sa/billing");
			assertThat(JsonPath.parse(body(workload)).read("$.roles", List.class)).containsExactly("USER");
		}
	}

	/**
	 * curl with a client certificate; the output ends with the HTTP status code.
	 */
	private static Result curlAs(int port, String client, String path) throws Exception {
		return run(List.of("curl", "-sS", "--max-time", "20", "--cacert", pki.resolve("ca.crt").toString(), "--cert",
				pki.resolve(client + ".crt").toString(), "--key", pki.resolve(client + ".key").toString(), "-D", "-",
				"-w", "\n%{http_code}", "https://localhost:" + port + path));
	}

	private static String body(Result result) {
		String output = result.output();
		return output.substring(output.indexOf("\r\n\r\n") + 4, output.lastIndexOf('\n'));
	}

	private static Result curl(String... options) throws Exception {
		List<String> command = new ArrayList<>(
				List.of("curl", "-sS", "--max-time", "20", "--cacert", pki.resolve("ca.crt").toString()));
		command.addAll(List.of(options));
		command.add("https://localhost:" + port + "/api/whoami");
		return run(command);
	}

	private static void createPki() throws Exception {
		Files.writeString(pki.resolve("ca.ext"),
				"basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
		Files.writeString(pki.resolve("server.ext"),
				"subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
		Files.writeString(pki.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
		ca("ca", "/CN=Independent CA");
		ca("rogue-ca", "/CN=Rogue CA");
		issue("server", "/CN=localhost", "ca", "server.ext");
		issue("partner", "/CN=partner/O=Partner Org", "ca", "client.ext");
		issue("rogue", "/CN=partner", "rogue-ca", "client.ext");
		issue("admin-client", "/CN=admin-client", "ca", "client.ext");
		issue("alice", "/CN=alice", "ca", "client.ext");
		issue("ops", "/CN=ops/OU=ADMIN/OU=Billing", "ca", "client.ext");
		Files.writeString(pki.resolve("spiffe.ext"),
				"extendedKeyUsage=clientAuth\nsubjectAltName=URI:spiffe://example.org/ns/prod/sa/billing\n");
		issue("workload", "/O=SPIRE", "ca", "spiffe.ext");
	}

	private static void ca(String name, String subject) throws Exception {
		openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
				name + ".key", "-out", name + ".crt", "-subj", subject, "-days", "30", "-addext",
				"basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
	}

	private static void issue(String name, String subject, String ca, String extensions) throws Exception {
		openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key",
				"-out", name + ".csr", "-subj", subject);
		openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
				"-out", name + ".crt", "-days", "30", "-extfile", extensions);
	}

	private static void openssl(String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		command.add("openssl");
		command.addAll(List.of(arguments));
		Result result = run(command);
		assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
	}

	private static Result run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private static void requireTool(String tool) {
		boolean present = System.getenv("PATH") != null
				&& java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
					.anyMatch((dir) -> Files.isExecutable(Path.of(dir, tool)));
		if ("true".equals(System.getenv("CI"))) {
			assertThat(present).as(tool + " must be installed on CI (.ci/run installs it)").isTrue();
		}
		assumeTrue(present, tool + " is not installed");
	}

	private record Result(int exitCode, String output) {
	}

	/**
	 * The sample jar started as a process with the independent PKI and extra arguments;
	 * its port is read from its log, nothing waits on a timer.
	 */
	private static final class RunningJar implements AutoCloseable {

		private final Process process;

		private final StringBuffer log = new StringBuffer();

		private final int port;

		RunningJar(String... arguments) throws Exception {
			String jar = System.getProperty("sample.jar");
			assertThat(jar).as("system property sample.jar").isNotNull();
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
							"--server.port=0", "--mtls.dev-pki.enabled=false",
							"--mtls.server.keystore.certificate=file:" + pki.resolve("server.crt"),
							"--mtls.server.keystore.private-key=file:" + pki.resolve("server.key"),
							"--mtls.server.truststore.certificate=file:" + pki.resolve("ca.crt")));
			command.addAll(List.of(arguments));
			this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
			CompletableFuture<Integer> started = new CompletableFuture<>();
			Thread reader = new Thread(() -> {
				try (BufferedReader lines = new BufferedReader(
						new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = lines.readLine()) != null) {
						this.log.append(line).append('\n');
						Matcher matcher = STARTED.matcher(line);
						if (matcher.find()) {
							started.complete(Integer.parseInt(matcher.group(1)));
						}
					}
					started.completeExceptionally(new IllegalStateException("Sample exited:\n" + this.log));
				}
				catch (IOException ex) {
					started.completeExceptionally(ex);
				}
			}, "sample-jar-log");
			reader.setDaemon(true);
			reader.start();
			this.port = started.get(90, TimeUnit.SECONDS);
		}

		@Override
		public void close() throws Exception {
			this.process.destroy();
			this.process.waitFor(30, TimeUnit.SECONDS);
		}

	}

}
