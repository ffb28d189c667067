package dev.mtls.sample.webflux;

import java.util.Map;

import dev.mtls.boot.auth.CertificatePrincipal;
import dev.mtls.boot.auth.RequireCertificate;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Only certificates mapped to role ADMIN get in: {@code CN=admin-client} through
 * {@code mtls.auth.roles.admin-client=ADMIN}.
 */
@RestController
class AdminController {

	@GetMapping("/api/admin")
	@RequireCertificate(roles = "ADMIN")
	Mono<Map<String, Object>> admin(@AuthenticationPrincipal CertificatePrincipal caller) {
		return Mono.just(Map.of("message", "Welcome, administrator " + caller.getName(), "roles", caller.getRoles()));
	}

}
