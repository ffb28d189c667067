package dev.mtls.boot.actuate;

import dev.mtls.boot.reload.MaterialReloadEvent;
import dev.mtls.boot.reload.MaterialReloadListener;
import dev.mtls.boot.reload.MaterialReloadResult;

/**
 * Reports refused reloads into the {@link MtlsLifecycleRecorder}; successful ones reach
 * it through the SSL bundle update handlers it registers itself.
 */
class ReloadLifecycleAdapter implements MaterialReloadListener {

	private final MtlsLifecycleRecorder recorder;

	ReloadLifecycleAdapter(MtlsLifecycleRecorder recorder) {
		this.recorder = recorder;
		recorder.reloadEnabled();
	}

	@Override
	public void onReload(MaterialReloadEvent event) {
		if (event.result() == MaterialReloadResult.FAILURE) {
			this.recorder.reloadFailed(event.bundle(),
					(event.error() != null) ? event.error().getMessage() : "material refused");
		}
	}

}
