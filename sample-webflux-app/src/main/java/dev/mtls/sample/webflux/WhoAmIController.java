package dev.mtls.sample.webflux;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import dev.mtls.boot.auth.CertificatePrincipal;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells callers what the server saw of their client certificate and what it made of it.
 */
@RestController
class WhoAmIController {

	@GetMapping("/api/whoami")
	Mono<Map<String, Object>> whoami(@AuthenticationPrincipal CertificatePrincipal caller) {
		return Mono.just(describe(caller));
	}

	static Map<String, Object> describe(CertificatePrincipal caller) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("principal", caller.getName());
		body.put("roles", new TreeSet<>(caller.getRoles()));
		body.put("subject", caller.getSubject());
		body.put("issuer", caller.getIssuer());
		body.put("serial", caller.getSerialNumber());
		body.put("notAfter", caller.getNotAfter().toString());
		body.put("fingerprint", caller.getFingerprint());
		if (caller.getSpiffeId() != null) {
			body.put("spiffeId", caller.getSpiffeId());
		}
		return body;
	}

}
