package dev.mtls.boot.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.mtls.boot.actuate.CertificateAuthenticationMetrics;
import dev.mtls.boot.bench.Chains;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationProvider;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The starter's own work on an authenticated request, on a principal cache hit: its
 * X.509 filter ({@link CertificateAuthenticationFilter}: principal extraction, the
 * authentication manager and provider, {@link CertificateUserDetailsService} with policy
 * and role mapping cached, the security context, the success events counted by
 * {@link CertificateAuthenticationMetrics}), then {@link CertificatePathPolicyFilter}
 * with one optional-path policy. No chain verifier (revocation off): its cost is
 * PkixChainVerifierBenchmark's. What Spring Security and Spring MVC do around it is the
 * same with or without the starter and is not measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestPathBenchmark {

	private CertificateAuthenticationFilter authenticationFilter;

	private CertificatePathPolicyFilter pathPolicyFilter;

	private MockHttpServletRequest request;

	private MockHttpServletResponse response;

	private final CapturingChain end = new CapturingChain();

	private FilterChain chain;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		Chains.Chain issued = Chains.issue("EC", 2);
		MtlsAuthProperties properties = new MtlsAuthProperties();
		properties.setDefaultRoles(List.of("USER"));
		properties.setRoles(Map.of("alice", List.of("ADMIN")));
		properties.setRoleAttribute(List.of("OU"));
		MtlsAuthProperties.PathPolicy optional = new MtlsAuthProperties.PathPolicy();
		optional.setPattern("/api/public/**");
		optional.setRequired(false);
		CertificateUserDetailsService userDetails = new CertificateUserDetailsService(
				new ClientCertificatePolicy(properties),
				List.of(new PropertiesCertificateRoleMapper(properties, new DefaultResourceLoader())), 1000);
		PreAuthenticatedAuthenticationProvider provider = new PreAuthenticatedAuthenticationProvider();
		provider.setPreAuthenticatedUserDetailsService(userDetails);
		CertificateAuthenticationMetrics metrics = new CertificateAuthenticationMetrics(new SimpleMeterRegistry());
		ApplicationEventPublisher events = (event) -> {
			if (event instanceof AbstractAuthenticationEvent authentication) {
				metrics.onApplicationEvent(authentication);
			}
		};
		ProviderManager manager = new ProviderManager(provider);
		manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
		this.authenticationFilter = new CertificateAuthenticationFilter(
				new RejectionCapturingPrincipalExtractor(new CertificatePrincipalExtractor("cn", false)));
		this.authenticationFilter.setAuthenticationManager(manager);
		this.authenticationFilter.setAuthenticationDetailsSource(CertificateAuthenticationDetails::new);
		this.authenticationFilter.setApplicationEventPublisher(events);
		this.pathPolicyFilter = new CertificatePathPolicyFilter(List.of(optional),
				PathPatternRequestMatcher.withDefaults());
		this.request = new MockHttpServletRequest("GET", "/api/whoami");
		this.request.setAttribute(CertificateAuthenticationDetails.CERTIFICATE_ATTRIBUTE,
				issued.certificates().toArray(new X509Certificate[0]));
		this.response = new MockHttpServletResponse();
		this.chain = (request, response) -> this.pathPolicyFilter.doFilter(request, response, this.end);
		// Sanity check, and fill the cache.
		Authentication authentication = request();
		if (!(authentication.getPrincipal() instanceof CertificatePrincipal principal)
				|| !principal.getRoles().containsAll(List.of("USER", "ADMIN", "payments"))) {
			throw new IllegalStateException("not authenticated as expected: " + authentication);
		}
	}

	@Benchmark
	public Authentication request() throws Exception {
		try {
			this.authenticationFilter.doFilter(this.request, this.response, this.chain);
			return this.end.authentication;
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static final class CapturingChain implements FilterChain {

		private Authentication authentication;

		@Override
		public void doFilter(ServletRequest request, ServletResponse response) {
			this.authentication = SecurityContextHolder.getContext().getAuthentication();
		}

	}

}
