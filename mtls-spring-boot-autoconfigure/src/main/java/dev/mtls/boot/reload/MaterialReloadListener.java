package dev.mtls.boot.reload;

/**
 * Notified of every attempt to reload material, successful or not, for example to count
 * reloads in metrics or to report failures in a health indicator. Every bean of this type
 * is called, in order, on the thread that reloads; it should return quickly and must not
 * throw (what it throws is logged and ignored).
 *
 * @see MaterialReloadState
 */
@FunctionalInterface
public interface MaterialReloadListener {

	/**
	 * Called after an attempt to reload the material of an SSL bundle.
	 * @param event the attempt
	 */
	void onReload(MaterialReloadEvent event);

}
