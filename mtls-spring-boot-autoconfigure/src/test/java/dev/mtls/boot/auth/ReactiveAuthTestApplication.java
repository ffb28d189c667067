package dev.mtls.boot.auth;

import java.util.Map;
import java.util.TreeSet;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@link AuthTestApplication} on WebFlux: the same endpoints with the same answers, so
 * that one specification runs against both stacks.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableReactiveMethodSecurity
class ReactiveAuthTestApplication {

	static final Class<?>[] SOURCES = { ReactiveAuthTestApplication.class, WhoAmIController.class,
			AdminController.class, PublicController.class };

	@RestController
	static class WhoAmIController {

		@GetMapping("/api/whoami")
		Map<String, Object> whoami(@AuthenticationPrincipal CertificatePrincipal caller) {
			return Map.of("principal", caller.getName(), "roles", new TreeSet<>(caller.getRoles()), "fingerprint",
					caller.getFingerprint(), "spiffeId", String.valueOf(caller.getSpiffeId()), "chainLength",
					caller.getChain().size(), "subject", caller.getSubject(), "serial", caller.getSerialNumber());
		}

		@GetMapping("/partner/data")
		String partnerData(@AuthenticationPrincipal CertificatePrincipal caller) {
			return "partner data for " + caller.getName();
		}

	}

	@RestController
	@RequireCertificate(roles = "ADMIN")
	static class AdminController {

		@GetMapping("/api/admin")
		String admin(@AuthenticationPrincipal CertificatePrincipal caller) {
			return "admin " + caller.getName();
		}

		// Reactive method security needs a Publisher to authorize.
		@GetMapping("/api/audit")
		@RequireCertificate(roles = { "AUDITOR", "ADMIN" })
		@PreAuthorize("authentication.name != 'blocked-admin'")
		Mono<String> audit() {
			return Mono.just("audit");
		}

	}

	@RestController
	static class PublicController {

		@GetMapping("/public/info")
		String info(@AuthenticationPrincipal Object caller) {
			return (caller instanceof CertificatePrincipal principal) ? "info for " + principal.getName()
					: "info for anonymous";
		}

	}

}
