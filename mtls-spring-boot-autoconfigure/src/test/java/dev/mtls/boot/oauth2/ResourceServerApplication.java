package dev.mtls.boot.oauth2;

import java.util.TreeSet;

import dev.mtls.boot.auth.CertificatePrincipal;
import dev.mtls.boot.client.MtlsRestClientSsl;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

/**
 * Service B: answers who called, as the token and as the certificate. Reads the
 * authorization server's keys (or introspects) over TLS with the starter's default
 * client, which trusts the test CA.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ResourceServerApplication.WhoController.class)
class ResourceServerApplication {

	@Bean
	@ConditionalOnProperty("test.jwk-set-uri")
	JwtDecoder jwtDecoder(@Value("${test.jwk-set-uri}") String jwkSetUri, RestTemplate mtlsRestTemplate) {
		// NimbusJwtDecoder's default validators include the certificate thumbprint check.
		return NimbusJwtDecoder.withJwkSetUri(jwkSetUri).restOperations(mtlsRestTemplate).build();
	}

	@Bean
	@ConditionalOnProperty("test.introspection-uri")
	OpaqueTokenIntrospector opaqueTokenIntrospector(@Value("${test.introspection-uri}") String introspectionUri,
			MtlsRestClientSsl ssl) {
		RestTemplate introspection = ssl.applyDefaultClient(new RestTemplateBuilder())
			.basicAuthentication("introspector", "secret-of-introspector")
			.build();
		return new SpringOpaqueTokenIntrospector(introspectionUri, introspection);
	}

	@RestController
	static class WhoController {

		@GetMapping({ "/bound", "/both", "/token-only", "/cert", "/admin" })
		String who(Authentication authentication, @AuthenticationPrincipal CertificatePrincipal certificate) {
			return "principal=" + authentication.getName() + ";certificate="
					+ ((certificate != null) ? certificate.getName() : "none") + ";authorities=" + new TreeSet<>(
							authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
		}

	}

}
