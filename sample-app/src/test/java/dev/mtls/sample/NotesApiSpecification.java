package dev.mtls.sample;

import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.test.MtlsTest;
import dev.mtls.boot.test.MtlsTestServer;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's write endpoints over real TLS: {@code POST /api/notes} for any accepted
 * certificate, {@code DELETE /api/admin/notes/{id}} for ADMIN, cross-site browser
 * requests refused, no session.
 * <p>
 * Specified once, run against both samples: concrete subclasses in sample-app and
 * sample-webflux-app name their application class
 * ({@code @SpringBootTest(classes = ...)}).
 */
@MtlsTest
public abstract class NotesApiSpecification {

	@Test
	void anyCertificateCreatesANoteItOwns(MtlsTestServer server) {
		ResponseEntity<String> created = create(server.restClient("CN=alice"));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(JsonPath.parse(created.getBody()).read("$.owner", String.class)).isEqualTo("alice");
		assertThat(JsonPath.parse(created.getBody()).read("$.id", Long.class)).isPositive();
		assertThat(created.getHeaders().getLocation()).isNotNull();
		assertThat(created.getHeaders().get("Set-Cookie")).isNull();
	}

	@Test
	void adminDeletesWith204(MtlsTestServer server) {
		long id = id(create(server.restClient("CN=alice")));
		ResponseEntity<Void> deleted = server.restClient("CN=admin-client")
			.delete()
			.uri("/api/admin/notes/{id}", id)
			.retrieve()
			.toBodilessEntity();
		assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(deleted.getHeaders().get("Set-Cookie")).isNull();
	}

	@Test
	void certificateWithoutAdminGets403NamingTheRole(MtlsTestServer server) {
		long id = id(create(server.restClient("CN=alice")));
		ResponseEntity<String> refused = server.restClient("CN=alice")
			.delete()
			.uri("/api/admin/notes/{id}", id)
			.retrieve()
			.toEntity(String.class);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(JsonPath.parse(refused.getBody()).read("$.detail", String.class))
			.isEqualTo("The client certificate lacks a role this resource requires.");
	}

	@Test
	void crossSiteBrowserRequestIsRefusedAndTheSameRequestWithoutBrowserHeadersIsAccepted(MtlsTestServer server) {
		RestClient admin = server.restClient("CN=admin-client");
		long id = id(create(server.restClient("CN=alice")));
		ResponseEntity<String> crossSite = admin.delete()
			.uri("/api/admin/notes/{id}", id)
			.header("Sec-Fetch-Site", "cross-site")
			.header("Origin", "https://evil.example")
			.retrieve()
			.toEntity(String.class);
		assertThat(crossSite.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(JsonPath.parse(crossSite.getBody()).read("$.detail", String.class))
			.isEqualTo("Cross-origin request refused: Sec-Fetch-Site is cross-site.");
		assertThat(admin.delete().uri("/api/admin/notes/{id}", id).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
	}

	@Test
	void wrongMethodGets405(MtlsTestServer server) {
		ResponseEntity<String> response = server.restClient("CN=admin-client")
			.put()
			.uri("/api/notes")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("text", "x"))
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
	}

	private static ResponseEntity<String> create(RestClient client) {
		return client.post()
			.uri("/api/notes")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("text", "buy milk"))
			.retrieve()
			.toEntity(String.class);
	}

	private static long id(ResponseEntity<String> created) {
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return JsonPath.parse(created.getBody()).read("$.id", Long.class);
	}

}
