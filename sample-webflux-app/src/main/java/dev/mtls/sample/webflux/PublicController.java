package dev.mtls.sample.webflux;

import java.util.Map;

import dev.mtls.boot.auth.CertificatePrincipal;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Optional client certificates: with the {@code optional} profile
 * ({@code mtls.server.client-auth=want} and {@code /api/public/**} not requiring a
 * certificate), anonymous callers and certificate holders both get in, and are told
 * apart.
 */
@RestController
class PublicController {

	@GetMapping("/api/public/hello")
	Mono<Map<String, Object>> hello(@AuthenticationPrincipal Object caller) {
		if (caller instanceof CertificatePrincipal principal) {
			return Mono.just(Map.of("caller", principal.getName(), "authenticated", true));
		}
		return Mono.just(Map.of("caller", "anonymous", "authenticated", false));
	}

}
