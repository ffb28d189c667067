package dev.mtls.boot.ratelimit;

import java.security.cert.X509Certificate;

import dev.mtls.boot.auth.CertificatePrincipalExtractor;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who the rate limiter sees when a bearer token, not the certificate, authenticated the
 * request: the token's subject and roles, and the certificate's principal and
 * fingerprint, so that tiers assigned to the certificate still apply.
 */
class RateLimitCallerTests {

	@Test
	void tokenAuthenticatedRequestIsKeyedByItsCertificatePrincipalAndMatchesBothNames() {
		IssuedCertificate ca = CertificateBuilder.ca("CN=CA").issue();
		IssuedCertificate alice = CertificateBuilder.endEntity("CN=alice").clientAuth().issuedBy(ca).issue();
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setAttribute("jakarta.servlet.request.X509Certificate", new X509Certificate[] { alice.certificate() });
		TestingAuthenticationToken token = new TestingAuthenticationToken("token-subject", null, "ROLE_ORDERS",
				"SCOPE_orders.read");
		RateLimitCaller caller = RateLimitFilter.caller(token, request, new CertificatePrincipalExtractor("cn", false));
		assertThat(caller.principal()).containsExactly("alice", "token-subject");
		assertThat(caller.fingerprint()).isEqualTo(alice.fingerprint());
		assertThat(caller.roles()).containsExactly("ORDERS");
		assertThat(caller.key()).isEqualTo("principal:alice");
	}

	@Test
	void withoutCertificateTheCallerIsKeyedByTheAuthenticationName() {
		TestingAuthenticationToken token = new TestingAuthenticationToken("token-subject", null);
		RateLimitCaller caller = RateLimitFilter.caller(token, new MockHttpServletRequest(), null);
		assertThat(caller.fingerprint()).isNull();
		assertThat(caller.key()).isEqualTo("principal:token-subject");
	}

}
