package dev.mtls.boot.reload;

import java.nio.file.Path;
import java.util.List;

/**
 * The material of one SSL bundle that is reloaded when its files change.
 */
interface ReloadTarget {

	/**
	 * Return the name of the SSL bundle.
	 * @return the bundle name
	 */
	String bundleName();

	/**
	 * Return the files and directories the material is read from.
	 * @return the paths as configured (symbolic links not resolved)
	 */
	List<Path> files();

	/**
	 * Load the material again, check it as at startup and apply it.
	 * @return what is now in use, for the log
	 * @throws dev.mtls.boot.pki.MtlsMaterialException when the new material cannot be
	 * used; the previous material then stays in use
	 */
	String reload();

}
