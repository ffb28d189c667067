package dev.mtls.boot.auth;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application secured by the starter, with endpoints for every way of demanding a
 * certificate.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableMethodSecurity
class AuthTestApplication {

	static final Class<?>[] SOURCES = { AuthTestApplication.class, WhoAmIController.class, AdminController.class,
			PublicController.class };

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

		@GetMapping("/api/audit")
		@RequireCertificate(roles = { "AUDITOR", "ADMIN" })
		@PreAuthorize("authentication.name != 'blocked-admin'")
		String audit() {
			return "audit";
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
