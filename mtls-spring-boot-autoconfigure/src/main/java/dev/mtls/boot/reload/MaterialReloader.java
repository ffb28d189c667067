package dev.mtls.boot.reload;

import java.time.Clock;
import java.util.List;

import dev.mtls.boot.pki.MtlsMaterialException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reloads one target, then logs the outcome, records it in {@link MaterialReloadState}
 * and notifies the {@link MaterialReloadListener}s.
 */
final class MaterialReloader {

	private static final Log logger = LogFactory.getLog(MaterialReloader.class);

	private final MaterialReloadState state;

	private final List<MaterialReloadListener> listeners;

	private final Clock clock;

	MaterialReloader(MaterialReloadState state, List<MaterialReloadListener> listeners, Clock clock) {
		this.state = state;
		this.listeners = listeners;
		this.clock = clock;
	}

	void watching(ReloadTarget target) {
		this.state.watching(target.bundleName());
	}

	/**
	 * Load, check and apply the target's material.
	 * @param target the target
	 * @return the refusal, or {@code null} when the material was applied
	 */
	@Nullable MtlsMaterialException attempt(ReloadTarget target) {
		try {
			return succeeded(target, target.reload());
		}
		catch (MtlsMaterialException ex) {
			return ex;
		}
		catch (RuntimeException ex) {
			return new MtlsMaterialException(target.bundleName(), "new material cannot be used (" + ex + ")",
					"Check the files of this SSL bundle.", ex);
		}
	}

	private @Nullable MtlsMaterialException succeeded(ReloadTarget target, String description) {
		logger.info("Reloaded SSL bundle '" + target.bundleName() + "' from its changed files: new handshakes use "
				+ description + ".");
		publish(new MaterialReloadEvent(target.bundleName(), MaterialReloadResult.SUCCESS, this.clock.instant(), null));
		return null;
	}

	void failed(ReloadTarget target, MtlsMaterialException error) {
		logger.error("Refused to reload SSL bundle '" + target.bundleName()
				+ "' from its changed files; the previous material stays in use.\n    Property: " + error.getProperty()
				+ "\n    Problem:  " + error.getDescription() + "\n    Action:   " + error.getAction());
		publish(new MaterialReloadEvent(target.bundleName(), MaterialReloadResult.FAILURE, this.clock.instant(),
				error));
	}

	private void publish(MaterialReloadEvent event) {
		this.state.record(event);
		for (MaterialReloadListener listener : this.listeners) {
			try {
				listener.onReload(event);
			}
			catch (RuntimeException ex) {
				logger.warn("MaterialReloadListener " + listener + " failed on " + event, ex);
			}
		}
	}

}
