package dev.mtls.boot.auth;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mtls.boot.pki.ControlCharacters;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CertificateUserDetailsService}: policy, role mapping and the bounded
 * cache keyed by the presented chain.
 */
class CertificateUserDetailsServiceTests {

	private final AtomicInteger mappings = new AtomicInteger();

	private final CertificateRoleMapper countingMapper = (principal, chain) -> {
		this.mappings.incrementAndGet();
		return List.of("ROLE_OF_" + principal);
	};

	@Test
	void sameCertificateReturnsTheSamePrincipalWithoutMappingAgain() {
		CertificateUserDetailsService service = service(10);
		X509Certificate alice = certificate("CN=alice");
		CertificatePrincipal first = service.loadUserDetails(token("alice", alice));
		CertificatePrincipal second = service.loadUserDetails(token("alice", alice));
		assertThat(second).isSameAs(first);
		assertThat(first.getRoles()).containsExactly("ROLE_OF_alice");
		assertThat(this.mappings).hasValue(1);
	}

	@Test
	void differentCertificatesWithTheSameNameAreMappedSeparately() {
		CertificateUserDetailsService service = service(10);
		CertificatePrincipal first = service.loadUserDetails(token("alice", certificate("CN=alice")));
		CertificatePrincipal second = service.loadUserDetails(token("alice", certificate("CN=alice")));
		assertThat(second).isNotSameAs(first);
		assertThat(this.mappings).hasValue(2);
	}

	@Test
	void cacheKeepsNoMoreCertificatesThanItsSize() {
		CertificateUserDetailsService service = service(2);
		List<X509Certificate> certificates = List.of(certificate("CN=a"), certificate("CN=b"), certificate("CN=c"));
		for (int round = 0; round < 2; round++) {
			certificates.forEach((certificate) -> service.loadUserDetails(token("x", certificate)));
		}
		// three certificates do not fit in two places: at least one is mapped again
		assertThat(this.mappings.get()).isGreaterThan(3);
	}

	@Test
	void cacheOfSizeZeroMapsEveryTime() {
		CertificateUserDetailsService service = service(0);
		X509Certificate alice = certificate("CN=alice");
		service.loadUserDetails(token("alice", alice));
		service.loadUserDetails(token("alice", alice));
		assertThat(this.mappings).hasValue(2);
	}

	@Test
	void equalCertificateDecodedAgainIsACacheHit() throws Exception {
		CertificateUserDetailsService service = service(10);
		X509Certificate alice = certificate("CN=alice");
		X509Certificate decodedAgain = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(alice.getEncoded()));
		CertificatePrincipal first = service.loadUserDetails(token("alice", alice));
		assertThat(service.loadUserDetails(token("alice", decodedAgain))).isSameAs(first);
		assertThat(this.mappings).hasValue(1);
	}

	@Test
	void sameLeafPresentedWithAnotherChainIsCheckedAgain() {
		MtlsAuthProperties properties = new MtlsAuthProperties();
		properties.setMaxChainLength(2);
		CertificateUserDetailsService service = new CertificateUserDetailsService(
				new ClientCertificatePolicy(properties), List.of(this.countingMapper), 10);
		IssuedCertificate root = CertificateBuilder.ca("CN=root").issue();
		IssuedCertificate intermediate = CertificateBuilder.ca("CN=intermediate").issuedBy(root).issue();
		IssuedCertificate alice = CertificateBuilder.endEntity("CN=alice").clientAuth().issuedBy(intermediate).issue();
		CertificatePrincipal accepted = service.loadUserDetails(token("alice", alice.chain().subList(0, 2)));
		assertThat(accepted.getChain()).hasSize(2);
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> service.loadUserDetails(token("alice", alice.chain())))
			.withMessage("certificate chain has 3 certificates, more than mtls.auth.max-chain-length=2");
	}

	@Test
	void refusedCertificateIsRefusedEveryTimeAndNeverMapped() {
		CertificateUserDetailsService service = service(10);
		X509Certificate ca = CertificateBuilder.ca("CN=ca").issue().certificate();
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(CertificateRejectedException.class)
				.isThrownBy(() -> service.loadUserDetails(token("ca", ca)))
				.withMessage("a CA certificate cannot be a client identity");
		}
		assertThat(this.mappings).hasValue(0);
	}

	@Test
	void principalThatCouldNotBeExtractedIsRefusedWithItsReason() {
		CertificateUserDetailsService service = service(10);
		Object rejection = new RejectionCapturingPrincipalExtractor.Rejection(
				new CertificateRejectedException("certificate has no CN attribute"));
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> service.loadUserDetails(token(rejection, certificate("O=no-cn"))))
			.withMessage("certificate has no CN attribute");
		assertThat(this.mappings).hasValue(0);
	}

	@Test
	void failingRoleMapperBecomesAnAuthenticationFailureNotAServerError() {
		CertificateUserDetailsService service = new CertificateUserDetailsService(
				new ClientCertificatePolicy(new MtlsAuthProperties()), List.of((principal, chain) -> {
					throw new IllegalStateException("directory down");
				}), 10);
		assertThatExceptionOfType(InternalAuthenticationServiceException.class)
			.isThrownBy(() -> service.loadUserDetails(token("alice", certificate("CN=alice"))))
			.withMessage("client certificate cannot be mapped");
	}

	@Test
	void roleWithControlCharactersIsRefused() {
		CertificateUserDetailsService service = new CertificateUserDetailsService(
				new ClientCertificatePolicy(new MtlsAuthProperties()),
				List.of((principal, chain) -> List.of("AD\nMIN")), 10);
		assertThatExceptionOfType(CertificateRejectedException.class)
			.isThrownBy(() -> service.loadUserDetails(token("alice", certificate("CN=alice"))))
			.withMessage("a mapped role is empty or contains control characters");
	}

	private CertificateUserDetailsService service(int cacheSize) {
		return new CertificateUserDetailsService(new ClientCertificatePolicy(new MtlsAuthProperties()),
				List.of(this.countingMapper), cacheSize);
	}

	private static PreAuthenticatedAuthenticationToken token(Object principal, X509Certificate certificate) {
		return new PreAuthenticatedAuthenticationToken(principal, certificate);
	}

	private static PreAuthenticatedAuthenticationToken token(Object principal, List<X509Certificate> chain) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setAttribute(CertificateAuthenticationDetails.CERTIFICATE_ATTRIBUTE,
				chain.toArray(new X509Certificate[0]));
		PreAuthenticatedAuthenticationToken token = new PreAuthenticatedAuthenticationToken(principal, chain.get(0));
		token.setDetails(new CertificateAuthenticationDetails(request));
		return token;
	}

	private static X509Certificate certificate(String subject) {
		return CertificateBuilder.endEntity(subject).clientAuth().issue().certificate();
	}

}
