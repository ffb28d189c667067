package dev.mtls.boot.revocation;

import dev.mtls.boot.auth.CertificatePrincipal;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(RevocationTestApplication.WhoAmI.class)
class RevocationTestApplication {

	@RestController
	static class WhoAmI {

		@GetMapping("/whoami")
		String whoami(@AuthenticationPrincipal CertificatePrincipal caller) {
			return caller.getName();
		}

	}

}
