package dev.mtls.boot.actuate;

import dev.mtls.boot.reload.MaterialReloadEvent;
import dev.mtls.boot.reload.MaterialReloadListener;
import dev.mtls.boot.reload.MaterialReloadResult;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;

/**
 * Reports refused reloads into the {@link MtlsLifecycleRecorder}; successful ones reach
 * it through the SSL bundle update handlers it registers itself, except for material that
 * is no registered SSL bundle (the client CAs behind a TLS-terminating proxy), reported
 * here.
 */
class ReloadLifecycleAdapter implements MaterialReloadListener {

	private final MtlsLifecycleRecorder recorder;

	private final @Nullable SslBundles sslBundles;

	ReloadLifecycleAdapter(MtlsLifecycleRecorder recorder, @Nullable SslBundles sslBundles) {
		this.recorder = recorder;
		this.sslBundles = sslBundles;
		recorder.reloadEnabled();
	}

	@Override
	public void onReload(MaterialReloadEvent event) {
		if (event.result() == MaterialReloadResult.SUCCESS
				&& (this.sslBundles == null || !this.sslBundles.getBundleNames().contains(event.bundle()))) {
			this.recorder.reloadSucceeded(event.bundle());
		}
		if (event.result() == MaterialReloadResult.FAILURE) {
			this.recorder.reloadFailed(event.bundle(),
					(event.error() != null) ? event.error().getMessage() : "material refused");
		}
	}

}
