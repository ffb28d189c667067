package dev.mtls.bench.hand;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.boot.restclient.autoconfigure.RestClientSsl;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The sample application's endpoints: {@code /api/whoami}, {@code /api/admin},
 * {@code /api/partner} (calls {@code /api/whoami} of {@code partner.base-url} with the
 * {@code partner} SSL bundle).
 */
@RestController
class ApiController {

	private final RestClient partner;

	ApiController(RestClient.Builder builder, RestClientSsl ssl,
			@org.springframework.beans.factory.annotation.Value("${partner.base-url}") String partnerUrl) {
		this.partner = builder.baseUrl(partnerUrl).apply(ssl.fromBundle("partner")).build();
	}

	@GetMapping("/api/whoami")
	Map<String, Object> whoami(Authentication caller) throws CertificateEncodingException, NoSuchAlgorithmException {
		X509Certificate certificate = (X509Certificate) caller.getCredentials();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("principal", caller.getName());
		TreeSet<String> roles = new TreeSet<>();
		for (GrantedAuthority authority : caller.getAuthorities()) {
			roles.add(authority.getAuthority().substring("ROLE_".length()));
		}
		body.put("roles", roles);
		body.put("subject", certificate.getSubjectX500Principal().getName());
		body.put("issuer", certificate.getIssuerX500Principal().getName());
		body.put("serial", certificate.getSerialNumber().toString(16));
		body.put("notAfter", certificate.getNotAfter().toInstant().toString());
		body.put("fingerprint", HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
		return body;
	}

	@GetMapping("/api/admin")
	@PreAuthorize("hasRole('ADMIN')")
	Map<String, Object> admin(Authentication caller) {
		return Map.of("message", "Welcome, administrator " + caller.getName());
	}

	@GetMapping("/api/partner")
	Map<String, Object> partner() {
		return this.partner.get().uri("/api/whoami").retrieve().body(new ParameterizedTypeReference<>() {
		});
	}

}
