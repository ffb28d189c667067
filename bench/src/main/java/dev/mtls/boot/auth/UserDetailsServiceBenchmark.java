package dev.mtls.boot.auth;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.mtls.boot.bench.Chains;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * {@link CertificateUserDetailsService#loadUserDetails}: what the starter does after
 * Spring Security's X.509 filter found a certificate, on every authenticated request.
 * <ul>
 * <li>{@code hit}: the chain was seen before; the cost is a Caffeine lookup keyed by the
 * chain (certificates hash once and compare by encoding).</li>
 * <li>{@code miss}: cache size 0, so every call runs the {@link ClientCertificatePolicy}
 * checks and the {@link PropertiesCertificateRoleMapper}, and builds a new
 * {@link CertificatePrincipal}.</li>
 * </ul>
 * No chain verifier is registered (mtls.revocation disabled); its cost is measured
 * separately by PkixChainVerifierBenchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UserDetailsServiceBenchmark {

	@Param({ "EC" })
	public String keyType;

	@Param({ "2" })
	public int chainLength;

	private CertificateUserDetailsService cached;

	private CertificateUserDetailsService uncached;

	private PreAuthenticatedAuthenticationToken token;

	@Setup(Level.Trial)
	public void setUp() {
		Chains.Chain chain = Chains.issue(this.keyType, this.chainLength);
		MtlsAuthProperties properties = new MtlsAuthProperties();
		properties.setDefaultRoles(List.of("USER"));
		properties.setRoles(Map.of("alice", List.of("ADMIN")));
		properties.setRoleAttribute(List.of("OU"));
		ClientCertificatePolicy policy = new ClientCertificatePolicy(properties);
		List<CertificateRoleMapper> mappers = List
			.of(new PropertiesCertificateRoleMapper(properties, new DefaultResourceLoader()));
		this.cached = new CertificateUserDetailsService(policy, mappers, 1000);
		this.uncached = new CertificateUserDetailsService(policy, mappers, 0);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setAttribute(CertificateAuthenticationDetails.CERTIFICATE_ATTRIBUTE,
				chain.certificates().toArray(new java.security.cert.X509Certificate[0]));
		this.token = new PreAuthenticatedAuthenticationToken("alice", chain.leaf().certificate());
		this.token.setDetails(new CertificateAuthenticationDetails(request));
		// Sanity check, and fill the cache for the hit benchmark.
		CertificatePrincipal principal = this.cached.loadUserDetails(this.token);
		if (!principal.getRoles().containsAll(List.of("USER", "ADMIN", "payments"))) {
			throw new IllegalStateException("unexpected roles " + principal.getRoles());
		}
		this.uncached.loadUserDetails(this.token);
	}

	@Benchmark
	public CertificatePrincipal hit() {
		return this.cached.loadUserDetails(this.token);
	}

	@Benchmark
	public CertificatePrincipal miss() {
		return this.uncached.loadUserDetails(this.token);
	}

}
