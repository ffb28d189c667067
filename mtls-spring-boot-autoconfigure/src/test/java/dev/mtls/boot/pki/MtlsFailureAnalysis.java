package dev.mtls.boot.pki;

import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Runs the package-private {@link MtlsMaterialFailureAnalyzer} for tests in other
 * packages, exactly as Spring Boot does when an application fails to start.
 */
public final class MtlsFailureAnalysis {

	private MtlsFailureAnalysis() {
	}

	/**
	 * Analyze a startup failure.
	 * @param failure the exception thrown by {@code SpringApplication.run}
	 * @return the analysis, or {@code null} when no {@link MtlsMaterialException} is in
	 * the cause chain
	 */
	public static FailureAnalysis analyze(Throwable failure) {
		return new MtlsMaterialFailureAnalyzer().analyze(failure);
	}

}
