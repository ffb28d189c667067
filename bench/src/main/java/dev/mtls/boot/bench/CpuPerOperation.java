package dev.mtls.boot.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import dev.mtls.boot.auth.RequestPathBenchmark;
import dev.mtls.boot.auth.UserDetailsServiceBenchmark;
import dev.mtls.boot.revocation.PkixChainVerifierBenchmark;

/**
 * The starter's own work per request on a principal cache hit is
 * {@code RequestPath.request} plus {@code PkixChainVerifier.verify} (the chain validated
 * again against the trust anchors in force, on every request).
 * <p>
 * The same {@code @Benchmark} methods as JMH runs, timed in thread CPU time rather than
 * wall-clock time. On a machine shared with other builds a thread gets a fraction of a
 * core, and JMH's average time per operation grows with the load (ten times at a load
 * average of 20 on 2 cores); the CPU the operation itself uses does not.
 *
 * <pre>
 * java -cp target/classes:$(cat target/classpath.txt) dev.mtls.boot.bench.CpuPerOperation
 * </pre>
 */
public final class CpuPerOperation {

	private static final int ROUNDS = 8;

	private CpuPerOperation() {
	}

	public static void main(String[] args) throws Exception {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		RequestPathBenchmark requestPath = new RequestPathBenchmark();
		requestPath.setUp();
		UserDetailsServiceBenchmark userDetails = new UserDetailsServiceBenchmark();
		userDetails.keyType = "EC";
		userDetails.chainLength = 2;
		userDetails.setUp();
		PkixChainVerifierBenchmark chainVerifier = new PkixChainVerifierBenchmark();
		chainVerifier.keyType = "EC";
		chainVerifier.chainLength = 2;
		chainVerifier.setUp();
		System.out.println("round  RequestPath.request  PkixChainVerifier.verify  UserDetailsService.hit"
				+ "  UserDetailsService.miss  (µs of thread CPU per operation; EC P-256, chain of 2;"
				+ " wall-clock µs of RequestPath.request in brackets)");
		for (int round = 1; round <= ROUNDS; round++) {
			int n = 200_000;
			long wall = System.nanoTime();
			long start = threads.getCurrentThreadCpuTime();
			for (int i = 0; i < n; i++) {
				requestPath.request();
			}
			long afterRequests = threads.getCurrentThreadCpuTime();
			wall = System.nanoTime() - wall;
			for (int i = 0; i < n; i++) {
				userDetails.hit();
			}
			long afterHits = threads.getCurrentThreadCpuTime();
			int misses = 5_000;
			for (int i = 0; i < misses; i++) {
				userDetails.miss();
			}
			long afterMisses = threads.getCurrentThreadCpuTime();
			int verifications = 20_000;
			for (int i = 0; i < verifications; i++) {
				chainVerifier.verify();
			}
			long afterVerifications = threads.getCurrentThreadCpuTime();
			System.out.printf("%5d  %19.2f  %24.2f  %22.3f  %23.2f  (%.1f)%n", round,
					(afterRequests - start) / 1e3 / n, (afterVerifications - afterMisses) / 1e3 / verifications,
					(afterHits - afterRequests) / 1e3 / n, (afterMisses - afterHits) / 1e3 / misses, wall / 1e3 / n);
		}
	}

}
