package dev.mtls.boot.proxy;

import java.util.Locale;
import java.util.Map;

import dev.mtls.boot.auth.CertificatePrincipal;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@link ProxyTestApplication} on WebFlux: it tells who the caller is and which
 * certificate headers reached it.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ReactiveProxyTestApplication {

	static final Class<?>[] SOURCES = { ReactiveProxyTestApplication.class, WhoAmIController.class };

	@RestController
	static class WhoAmIController {

		@GetMapping("/api/whoami")
		Map<String, Object> whoami(@AuthenticationPrincipal CertificatePrincipal caller, ServerHttpRequest request) {
			return Map.of("principal", caller.getName(), "fingerprint", caller.getFingerprint(), "headers",
					request.getHeaders()
						.headerNames()
						.stream()
						.filter((name) -> name.toLowerCase(Locale.ROOT).contains("cert")
								|| name.toLowerCase(Locale.ROOT).contains("verify"))
						.toList());
		}

	}

}
