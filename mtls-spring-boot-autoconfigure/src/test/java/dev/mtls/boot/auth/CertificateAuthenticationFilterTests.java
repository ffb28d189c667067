package dev.mtls.boot.auth;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mtls.boot.devpki.CertificateBuilder;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationProvider;
import org.springframework.security.web.authentication.preauth.x509.X509AuthenticationFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CertificateAuthenticationFilter}: what {@code http.x509()} does,
 * without rendering the certificate.
 */
class CertificateAuthenticationFilterTests {

	@TempDir
	Path directory;

	@Test
	void authenticatesWithoutRenderingTheCertificate() throws Exception {
		RenderCountingCertificate certificate = new RenderCountingCertificate(
				CertificateBuilder.endEntity("CN=alice").clientAuth().issue().certificate());
		CertificateAuthenticationFilter filter = new CertificateAuthenticationFilter(
				new RejectionCapturingPrincipalExtractor(new CertificatePrincipalExtractor("cn", false)));
		PreAuthenticatedAuthenticationProvider provider = new PreAuthenticatedAuthenticationProvider();
		provider.setPreAuthenticatedUserDetailsService(new CertificateUserDetailsService(
				new ClientCertificatePolicy(new MtlsAuthProperties()), List.of(), 10));
		filter.setAuthenticationManager(new ProviderManager(provider));
		filter.setAuthenticationDetailsSource(CertificateAuthenticationDetails::new);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setAttribute(CertificateAuthenticationDetails.CERTIFICATE_ATTRIBUTE,
				new X509Certificate[] { certificate });
		AuthenticationCapturingChain chain = new AuthenticationCapturingChain();
		try {
			filter.doFilter(request, new MockHttpServletResponse(), chain);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
		assertThat(chain.authentication.getPrincipal()).isInstanceOfSatisfying(CertificatePrincipal.class,
				(principal) -> assertThat(principal.getName()).isEqualTo("alice"));
		assertThat(certificate.renderings).hasValue(0);
	}

	@Test
	void everyFilterChainAuthenticatesWithTheStartersFilter() throws Exception {
		try (AuthFixture app = AuthFixture.start(this.directory)) {
			List<Filter> filters = app.context.getBean(FilterChainProxy.class).getFilterChains().get(0).getFilters();
			assertThat(filters).filteredOn(X509AuthenticationFilter.class::isInstance)
				.singleElement()
				.isInstanceOf(CertificateAuthenticationFilter.class);
			assertThat(app.get(app.client("CN=alice").issue(), "/api/whoami").statusCode()).isEqualTo(200);
		}
	}

	private static final class AuthenticationCapturingChain extends MockFilterChain {

		private Authentication authentication;

		@Override
		public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
			this.authentication = SecurityContextHolder.getContext().getAuthentication();
		}

	}

	/**
	 * A real certificate that counts how often it is rendered as text.
	 */
	@SuppressWarnings("deprecation")
	private static final class RenderCountingCertificate extends X509Certificate {

		private final X509Certificate delegate;

		private final AtomicInteger renderings = new AtomicInteger();

		RenderCountingCertificate(X509Certificate delegate) {
			this.delegate = delegate;
		}

		@Override
		public String toString() {
			this.renderings.incrementAndGet();
			return this.delegate.toString();
		}

		@Override
		public byte[] getEncoded() throws java.security.cert.CertificateEncodingException {
			return this.delegate.getEncoded();
		}

		@Override
		public void verify(PublicKey key) throws java.security.cert.CertificateException,
				java.security.NoSuchAlgorithmException, java.security.InvalidKeyException,
				java.security.NoSuchProviderException, java.security.SignatureException {
			this.delegate.verify(key);
		}

		@Override
		public void verify(PublicKey key, String sigProvider) throws java.security.cert.CertificateException,
				java.security.NoSuchAlgorithmException, java.security.InvalidKeyException,
				java.security.NoSuchProviderException, java.security.SignatureException {
			this.delegate.verify(key, sigProvider);
		}

		@Override
		public PublicKey getPublicKey() {
			return this.delegate.getPublicKey();
		}

		@Override
		public void checkValidity() throws java.security.cert.CertificateExpiredException,
				java.security.cert.CertificateNotYetValidException {
			this.delegate.checkValidity();
		}

		@Override
		public void checkValidity(Date date) throws java.security.cert.CertificateExpiredException,
				java.security.cert.CertificateNotYetValidException {
			this.delegate.checkValidity(date);
		}

		@Override
		public int getVersion() {
			return this.delegate.getVersion();
		}

		@Override
		public BigInteger getSerialNumber() {
			return this.delegate.getSerialNumber();
		}

		@Override
		public Principal getIssuerDN() {
			return this.delegate.getIssuerDN();
		}

		@Override
		public Principal getSubjectDN() {
			return this.delegate.getSubjectDN();
		}

		@Override
		public javax.security.auth.x500.X500Principal getSubjectX500Principal() {
			return this.delegate.getSubjectX500Principal();
		}

		@Override
		public javax.security.auth.x500.X500Principal getIssuerX500Principal() {
			return this.delegate.getIssuerX500Principal();
		}

		@Override
		public Date getNotBefore() {
			return this.delegate.getNotBefore();
		}

		@Override
		public Date getNotAfter() {
			return this.delegate.getNotAfter();
		}

		@Override
		public byte[] getTBSCertificate() throws java.security.cert.CertificateEncodingException {
			return this.delegate.getTBSCertificate();
		}

		@Override
		public byte[] getSignature() {
			return this.delegate.getSignature();
		}

		@Override
		public String getSigAlgName() {
			return this.delegate.getSigAlgName();
		}

		@Override
		public String getSigAlgOID() {
			return this.delegate.getSigAlgOID();
		}

		@Override
		public byte[] getSigAlgParams() {
			return this.delegate.getSigAlgParams();
		}

		@Override
		public boolean[] getIssuerUniqueID() {
			return this.delegate.getIssuerUniqueID();
		}

		@Override
		public boolean[] getSubjectUniqueID() {
			return this.delegate.getSubjectUniqueID();
		}

		@Override
		public boolean[] getKeyUsage() {
			return this.delegate.getKeyUsage();
		}

		@Override
		public List<String> getExtendedKeyUsage() throws java.security.cert.CertificateParsingException {
			return this.delegate.getExtendedKeyUsage();
		}

		@Override
		public java.util.Collection<List<?>> getSubjectAlternativeNames()
				throws java.security.cert.CertificateParsingException {
			return this.delegate.getSubjectAlternativeNames();
		}

		@Override
		public int getBasicConstraints() {
			return this.delegate.getBasicConstraints();
		}

		@Override
		public boolean hasUnsupportedCriticalExtension() {
			return this.delegate.hasUnsupportedCriticalExtension();
		}

		@Override
		public Set<String> getCriticalExtensionOIDs() {
			return this.delegate.getCriticalExtensionOIDs();
		}

		@Override
		public Set<String> getNonCriticalExtensionOIDs() {
			return this.delegate.getNonCriticalExtensionOIDs();
		}

		@Override
		public byte[] getExtensionValue(String oid) {
			return this.delegate.getExtensionValue(oid);
		}

	}

}
