package dev.mtls.boot.auth;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A new user's first application: the starter, no security configuration of its own (no
 * {@code @EnableMethodSecurity}, no filter chain), one controller with read and write
 * endpoints.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class WriteApiTestApplication {

	static final Class<?>[] SOURCES = { WriteApiTestApplication.class, OrdersController.class };

	@RestController
	static class OrdersController {

		private final AtomicLong ids = new AtomicLong();

		@GetMapping("/orders")
		String list() {
			return "[]";
		}

		@PostMapping("/orders")
		ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal CertificatePrincipal caller,
				@RequestBody String body) {
			long id = this.ids.incrementAndGet();
			return ResponseEntity.created(URI.create("/orders/" + id))
				.body(Map.of("id", id, "owner", caller.getName()));
		}

		@PutMapping("/orders/{id}")
		Map<String, Object> replace(@PathVariable long id, @RequestBody String body) {
			return Map.of("id", id);
		}

		@PatchMapping("/orders/{id}")
		Map<String, Object> update(@PathVariable long id, @RequestBody String body) {
			return Map.of("id", id);
		}

		@DeleteMapping("/orders/{id}")
		@RequireCertificate(roles = "ADMIN")
		ResponseEntity<Void> delete(@PathVariable long id) {
			return ResponseEntity.noContent().build();
		}

	}

}
