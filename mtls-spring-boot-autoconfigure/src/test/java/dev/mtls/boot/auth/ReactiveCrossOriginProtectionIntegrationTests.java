package dev.mtls.boot.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.WebStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Write APIs on WebFlux: certificate clients write without a CSRF token, browsers'
 * cross-site requests get the same 403 as on the servlet stack.
 */
class ReactiveCrossOriginProtectionIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void certificateClientsWriteWithoutTokenAndCrossSiteBrowserRequestsGet403() throws Exception {
		try (AuthFixture app = AuthFixture.start(WebStack.REACTIVE, this.directory,
				"spring.main.sources=" + OrdersConfiguration.class.getName())) {
			IssuedCertificate alice = app.client("CN=alice").issue();
			assertThat(delete(app, alice, null).statusCode()).isEqualTo(200);
			HttpResponse<String> crossSite = delete(app, alice, "cross-site");
			assertThat(crossSite.statusCode()).isEqualTo(403);
			assertThat(crossSite.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(JsonPath.parse(crossSite.body()).read("$.detail", String.class))
				.startsWith("Cross-origin request refused: ");
			assertThat(delete(app, alice, "same-origin").statusCode()).isEqualTo(200);
		}
	}

	private static HttpResponse<String> delete(AuthFixture app, IssuedCertificate identity, String secFetchSite)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url("/orders/1"))).DELETE();
		if (secFetchSite != null) {
			request.header("Sec-Fetch-Site", secFetchSite);
		}
		return MtlsClient.of(identity, app.pki.ca()).send(request.build());
	}

	@Configuration(proxyBeanMethods = false)
	static class OrdersConfiguration {

		@Bean
		OrdersController ordersController() {
			return new OrdersController();
		}

	}

	@RestController
	static class OrdersController {

		@DeleteMapping("/orders/1")
		String delete() {
			return "deleted";
		}

	}

}
