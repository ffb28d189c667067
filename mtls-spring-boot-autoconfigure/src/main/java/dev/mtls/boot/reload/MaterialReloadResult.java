package dev.mtls.boot.reload;

/**
 * Outcome of an attempt to reload the material of an SSL bundle.
 */
public enum MaterialReloadResult {

	/**
	 * New material was loaded, checked and applied: new handshakes use it.
	 */
	SUCCESS,

	/**
	 * New material could not be used and was not applied: the previous material stays in
	 * use.
	 */
	FAILURE

}
