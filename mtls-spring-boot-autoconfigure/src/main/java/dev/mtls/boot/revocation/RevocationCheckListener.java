package dev.mtls.boot.revocation;

/**
 * Told the outcome of every revocation check, e.g. to count them in metrics.
 */
@FunctionalInterface
public interface RevocationCheckListener {

	/**
	 * A revocation check ended.
	 * @param mode the mode in force
	 * @param result {@code good}, {@code revoked}, {@code unknown} (status could not be
	 * determined: responder or CRL unavailable, status unknown) or {@code untrusted} (the
	 * chain no longer validates)
	 * @param verifier the verifier, for its current state
	 */
	void revocationChecked(RevocationMode mode, String result, PkixChainVerifier verifier);

	/**
	 * The CRLs in use changed (read for the first time, or a new CRL replaced one).
	 * @param verifier the verifier, for its current state
	 */
	default void revocationSourcesChanged(PkixChainVerifier verifier) {
	}

}
