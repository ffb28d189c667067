package dev.mtls.boot.pki;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link MtlsMaterialException} as the property at fault, the problem and the
 * fix.
 */
class MtlsMaterialFailureAnalyzer extends AbstractFailureAnalyzer<MtlsMaterialException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MtlsMaterialException cause) {
		String description = "Mutual TLS is misconfigured.%n%n    Property: %s%n    Problem:  %s%n"
			.formatted(cause.getProperty(), cause.getDescription());
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
