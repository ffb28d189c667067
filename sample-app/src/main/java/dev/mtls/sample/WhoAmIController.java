package dev.mtls.sample;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mtls.boot.pki.CertificateFingerprint;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells callers what the server saw of their client certificate.
 */
@RestController
class WhoAmIController {

	private static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	@GetMapping("/api/whoami")
	ResponseEntity<Map<String, Object>> whoami(HttpServletRequest request) {
		X509Certificate[] chain = (X509Certificate[]) request.getAttribute(CERTIFICATE_ATTRIBUTE);
		if (chain == null || chain.length == 0) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "no client certificate"));
		}
		X509Certificate certificate = chain[0];
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("principal", commonName(certificate));
		body.put("roles", List.of());
		body.put("subject", certificate.getSubjectX500Principal().getName());
		body.put("issuer", certificate.getIssuerX500Principal().getName());
		body.put("serial", certificate.getSerialNumber().toString(16));
		body.put("notAfter", certificate.getNotAfter().toInstant().toString());
		body.put("fingerprint", CertificateFingerprint.sha256(certificate));
		return ResponseEntity.ok(body);
	}

	private static String commonName(X509Certificate certificate) {
		try {
			javax.naming.ldap.LdapName name = new javax.naming.ldap.LdapName(
					certificate.getSubjectX500Principal().getName());
			return name.getRdns()
				.stream()
				.filter((rdn) -> rdn.getType().equalsIgnoreCase("CN"))
				.map((rdn) -> String.valueOf(rdn.getValue()))
				.reduce((first, last) -> last)
				.orElse(certificate.getSubjectX500Principal().getName());
		}
		catch (javax.naming.InvalidNameException ex) {
			return certificate.getSubjectX500Principal().getName();
		}
	}

}
