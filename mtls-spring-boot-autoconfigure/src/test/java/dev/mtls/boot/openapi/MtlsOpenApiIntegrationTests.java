package dev.mtls.boot.openapi;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.auth.RequireCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document springdoc generates, fetched over real TLS with a client
 * certificate: the {@code mutualTLS} scheme is declared (OpenAPI 3.1) and attached to the
 * certificate-protected operations with their roles, optional paths offer it as an
 * alternative to none, and paths that also need a bearer token require both schemes.
 */
class MtlsOpenApiIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void documentDeclaresMutualTlsAndAttachesItWithRolesAndBearerTokens() throws Exception {
		TestPki pki = new TestPki(this.directory);
		String[] properties = Stream
			.of(pki.pemServerProperties(),
					new String[] { "server.port=0", "spring.main.banner-mode=off", "mtls.server.client-auth=want",
							"mtls.auth.paths[0].pattern=/public/**", "mtls.auth.paths[0].required=false",
							"mtls.auth.paths[1].pattern=/partner/**", "mtls.auth.paths[1].roles=PARTNER,AUDITOR",
							"mtls.auth.paths[2].pattern=/api/orders/**",
							"mtls.auth.paths[2].bearer-token=certificate-bound" })
			.flatMap(Stream::of)
			.map((property) -> "--" + property)
			.toArray(String[]::new);
		String[] args = Stream.concat(Stream.of(properties), Stream.of("--springdoc.api-docs.enabled=true"))
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OpenApiTestApplication.class,
				ApiController.class, AdminController.class)
			.web(WebApplicationType.SERVLET)
			.run(args)) {
			HttpResponse<String> response = MtlsClient.of(pki.client(), pki.ca())
				.get("https://localhost:" + TestServerApplication.mtlsPort(context) + "/v3/api-docs");
			assertThat(response.statusCode()).isEqualTo(200);
			DocumentContext document = JsonPath.parse(response.body());
			assertThat(document.read("$.openapi", String.class)).startsWith("3.1");
			assertThat(document.read("$.components.securitySchemes.mutualTLS.type", String.class))
				.isEqualTo("mutualTLS");

			assertThat(security(document, "/api/notes")).containsExactly(Map.of("mutualTLS", List.of()));
			assertThat(document.read("$.paths['/api/notes'].get.description", String.class))
				.isEqualTo("Lists notes.\n\nRequires a client certificate (mutual TLS).");

			assertThat(security(document, "/api/admin")).containsExactly(Map.of("mutualTLS", List.of()));
			assertThat(document.read("$.paths['/api/admin'].get.description", String.class))
				.isEqualTo("Requires a client certificate (mutual TLS) with the role ADMIN.");
			assertThat(document.read("$.paths['/api/admin'].get.x-mtls-roles", List.class)).containsExactly("ADMIN");

			assertThat(document.read("$.paths['/partner/data'].get.description", String.class))
				.isEqualTo("Requires a client certificate (mutual TLS) with one of the roles PARTNER, AUDITOR.");

			assertThat(security(document, "/public/info")).containsExactly(Map.of(), Map.of("mutualTLS", List.of()));
			assertThat(document.read("$.paths['/public/info'].get.description", String.class))
				.isEqualTo("Accepts a client certificate.");

			assertThat(security(document, "/api/orders"))
				.containsExactly(Map.of("mutualTLS", List.of(), "bearerAuth", List.of()));
			assertThat(document.read("$.paths['/api/orders'].get.description", String.class))
				.endsWith("Also requires an OAuth2 bearer token bound to the client certificate (RFC 8705).");
			assertThat(document.read("$.components.securitySchemes.bearerAuth.scheme", String.class))
				.isEqualTo("bearer");
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> security(DocumentContext document, String path) {
		return document.read("$.paths['" + path + "'].get.security", List.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OpenApiTestApplication {

	}

	@RestController
	static class ApiController {

		@GetMapping("/api/notes")
		@io.swagger.v3.oas.annotations.Operation(description = "Lists notes.")
		String notes() {
			return "notes";
		}

		@GetMapping("/public/info")
		String info() {
			return "info";
		}

		@GetMapping("/partner/data")
		String partner() {
			return "partner";
		}

		@GetMapping("/api/orders")
		String orders() {
			return "orders";
		}

	}

	@RestController
	@RequireCertificate(roles = "ADMIN")
	static class AdminController {

		@GetMapping("/api/admin")
		String admin() {
			return "admin";
		}

	}

}
