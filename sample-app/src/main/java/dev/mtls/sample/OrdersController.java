package dev.mtls.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mtls.boot.auth.CertificatePrincipal;
import dev.mtls.boot.ratelimit.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Profile;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code gateway} profile's API: who called, as the authentication names it and as
 * its certificate names it, and the caller's rate-limit tier.
 */
@RestController
@Profile("gateway")
class OrdersController {

	@GetMapping("/api/orders")
	Map<String, Object> orders(Authentication authentication, @AuthenticationPrincipal CertificatePrincipal certificate,
			HttpServletRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("principal", authentication.getName());
		body.put("certificate", (certificate != null) ? certificate.getName() : null);
		Object tier = request.getAttribute(RateLimiter.TIER_ATTRIBUTE);
		body.put("tier", (tier != null) ? tier : "none");
		body.put("orders", List.of(Map.of("id", 1, "item", "mTLS handbook", "quantity", 2),
				Map.of("id", 2, "item", "client certificate", "quantity", 1)));
		return body;
	}

}
