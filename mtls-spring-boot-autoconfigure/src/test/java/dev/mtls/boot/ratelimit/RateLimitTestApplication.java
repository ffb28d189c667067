package dev.mtls.boot.ratelimit;

import java.util.Map;

import dev.mtls.boot.auth.CertificatePrincipal;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application secured by the starter whose endpoint tells the caller its tier.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class RateLimitTestApplication {

	static final Class<?>[] SOURCES = { RateLimitTestApplication.class, TierController.class };

	@RestController
	static class TierController {

		@GetMapping("/api/tier")
		Map<String, Object> tier(@AuthenticationPrincipal CertificatePrincipal caller, HttpServletRequest request) {
			Object tier = request.getAttribute(RateLimiter.TIER_ATTRIBUTE);
			return Map.of("principal", caller.getName(), "tier", (tier != null) ? tier : "none");
		}

	}

}
