package dev.mtls.sample;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Black-box behaviour that both samples ({@code sample-app} on Spring MVC and
 * {@code sample-webflux-app} on WebFlux) must show alike, with the same requests and the
 * same arguments: this file is the same in both modules but for its package and the
 * application class. Authorization-bypass attempts on {@code /api/admin}, and forwarded
 * certificates in the {@code proxy} profile from trusted and untrusted peers.
 * <p>
 * Specified once, run against both samples: concrete subclasses in sample-app and
 * sample-webflux-app name their application class.
 */
public abstract class SampleContractSpecification {

	@TempDir
	static Path pkiDirectory;

	@Test
	void bypassAttemptsOnAdminNeverReachItWithoutRoleAdmin() throws Exception {
		List<String> attempts = List.of("/api/admin/", "/api//admin", "/api/admin;x=1", "/api/./admin",
				"/api/x/../admin", "/API/admin", "/api/%61dmin", "/api/admin%2F", "/api/admin?role=ADMIN",
				"/api/admin.json");
		try (ConfigurableApplicationContext app = start()) {
			HttpClient alice = SampleApplicationSpecification.client(pkiDirectory, "alice");
			SoftAssertions softly = new SoftAssertions();
			for (String path : attempts) {
				HttpResponse<String> response = send(alice, port(app), path);
				softly.assertThat(response.statusCode()).as(path).isBetween(400, 499);
				softly.assertThat(response.body()).as(path).doesNotContain("Welcome");
			}
			softly.assertAll();
		}
	}

	@Test
	void adminClientReachesAdminWhileAliceGets403WithProblemBody() throws Exception {
		try (ConfigurableApplicationContext app = start()) {
			HttpResponse<String> admin = send(SampleApplicationSpecification.client(pkiDirectory, "admin-client"),
					port(app), "/api/admin");
			assertThat(admin.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(admin.body()).read("$.roles", List.class)).contains("ADMIN");
			HttpResponse<String> alice = send(SampleApplicationSpecification.client(pkiDirectory, "alice"), port(app),
					"/api/admin");
			assertThat(alice.statusCode()).isEqualTo(403);
			assertThat(alice.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
			assertThat(JsonPath.parse(alice.body()).read("$.status", Integer.class)).isEqualTo(403);
		}
	}

	@Test
	void proxyProfileTakesForwardedCertificateFromTrustedProxy() throws Exception {
		try (ConfigurableApplicationContext app = start("--spring.profiles.active=proxy")) {
			HttpResponse<String> response = forwarded(app, "alice.crt", "SUCCESS");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(response.body()).read("$.principal", String.class)).isEqualTo("alice");
			assertThat(JsonPath.parse(response.body()).read("$.roles", List.class)).containsExactly("USER");
		}
	}

	@Test
	void proxyProfileRefusesForwardedCertificateTheProxyDidNotVerify() throws Exception {
		try (ConfigurableApplicationContext app = start("--spring.profiles.active=proxy")) {
			assertThat(forwarded(app, "alice.crt", "FAILED:unknown CA").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void proxyProfileIgnoresForwardedCertificateFromUntrustedPeer() throws Exception {
		try (ConfigurableApplicationContext app = start("--spring.profiles.active=proxy",
				"--mtls.proxy.trusted-proxies=192.0.2.10/32")) {
			HttpResponse<String> response = forwarded(app, "alice.crt", "SUCCESS");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).doesNotContain("alice");
		}
	}

	@Test
	void proxyProfileAnswers401WithoutForwardedCertificate() throws Exception {
		try (ConfigurableApplicationContext app = start("--spring.profiles.active=proxy")) {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort(app) + "/api/whoami")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow())
				.startsWith("application/problem+json");
		}
	}

	private ConfigurableApplicationContext start(String... arguments) {
		String[] all = new String[arguments.length + 2];
		all[0] = "--server.port=0";
		all[1] = "--mtls.dev-pki.directory=" + pkiDirectory;
		System.arraycopy(arguments, 0, all, 2, arguments.length);
		return SpringApplication.run(applicationClass(), all);
	}

	private static HttpResponse<String> forwarded(ConfigurableApplicationContext app, String certificate, String verify)
			throws Exception {
		String pem;
		try (InputStream in = Files.newInputStream(pkiDirectory.resolve(certificate))) {
			pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort(app) + "/api/whoami"))
			.header("X-SSL-Client-Cert", URLEncoder.encode(pem, StandardCharsets.UTF_8).replace("+", "%20"))
			.header("X-SSL-Client-Verify", verify)
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> send(HttpClient client, int port, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path)).build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int port(ConfigurableApplicationContext app) {
		return app.getEnvironment().getRequiredProperty("local.mtls.port", Integer.class);
	}

	private static int serverPort(ConfigurableApplicationContext app) {
		return app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	/**
	 * The sample's application class, started by {@link SpringApplication#run}.
	 * @return the application class
	 */
	protected abstract Class<?> applicationClass();

}
