package dev.mtls.boot.proxy;

import java.util.Collections;
import java.util.Map;

import dev.mtls.boot.auth.CertificatePrincipal;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application behind a TLS-terminating proxy: it tells who the caller is and which
 * certificate headers reached it.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ProxyTestApplication {

	static final Class<?>[] SOURCES = { ProxyTestApplication.class, WhoAmIController.class };

	@RestController
	static class WhoAmIController {

		@GetMapping("/api/whoami")
		Map<String, Object> whoami(@AuthenticationPrincipal CertificatePrincipal caller, HttpServletRequest request) {
			return Map.of("principal", caller.getName(), "fingerprint", caller.getFingerprint(), "headers",
					Collections.list(request.getHeaderNames())
						.stream()
						.filter((name) -> name.toLowerCase(java.util.Locale.ROOT).contains("cert")
								|| name.toLowerCase(java.util.Locale.ROOT).contains("verify"))
						.toList());
		}

	}

}
