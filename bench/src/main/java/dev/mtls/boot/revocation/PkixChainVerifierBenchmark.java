package dev.mtls.boot.revocation;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.mtls.boot.bench.Chains;
import dev.mtls.boot.pki.ClientTrustAnchors;
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

/**
 * {@link PkixChainVerifier#verify} with {@code mtls.revocation.mode=none}: the JDK PKIX
 * validation of the client chain against the current trust anchors that the starter
 * repeats on every request once revocation checking is enabled (so that resumed TLS
 * sessions cannot outlive a trust-store change). Dominated by signature verification: one
 * per certificate below the anchor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PkixChainVerifierBenchmark {

	@Param({ "EC", "RSA" })
	public String keyType;

	@Param({ "2", "3" })
	public int chainLength;

	private PkixChainVerifier verifier;

	private List<X509Certificate> chain;

	@Setup(Level.Trial)
	public void setUp() {
		Chains.Chain issued = Chains.issue(this.keyType, this.chainLength);
		this.chain = issued.certificates();
		this.verifier = verifier(issued.trustStore(), new MtlsRevocationProperties());
		this.verifier.verify(this.chain);
	}

	@Benchmark
	public List<X509Certificate> verify() {
		this.verifier.verify(this.chain);
		return this.chain;
	}

	static PkixChainVerifier verifier(KeyStore trustStore, MtlsRevocationProperties properties) {
		RevocationFetcher fetcher = new RevocationFetcher(properties.getTimeout(),
				properties.getMaxDownloadSize().toBytes());
		Clock clock = Clock.systemUTC();
		return new PkixChainVerifier(new ClientTrustAnchors("mtls.server.truststore", trustStore), properties,
				new CrlSource(properties, new DefaultResourceLoader(), fetcher, clock),
				new OcspResponses(properties, fetcher, clock), List.of(), List.of(), clock);
	}

}
