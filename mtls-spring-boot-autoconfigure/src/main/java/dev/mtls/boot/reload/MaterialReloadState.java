package dev.mtls.boot.reload;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.mtls.boot.pki.MtlsMaterialException;
import org.jspecify.annotations.Nullable;

/**
 * What hot reload has done so far, per SSL bundle: the bundles whose files are watched,
 * the number of reloads by result, the last success and the last failure. Read it from
 * health indicators, endpoints or metrics; {@link MaterialReloadListener} beans are
 * notified of each attempt as it happens.
 */
public class MaterialReloadState {

	private final Map<String, BundleReloadState> bundles = new ConcurrentHashMap<>();

	/**
	 * Return the state of every watched bundle, by bundle name.
	 * @return an immutable snapshot sorted by bundle name
	 */
	public Map<String, BundleReloadState> getBundles() {
		return Map.copyOf(new TreeMap<>(this.bundles));
	}

	/**
	 * Return the state of one bundle.
	 * @param bundle the bundle name
	 * @return the state, or {@code null} when the bundle is not watched
	 */
	public @Nullable BundleReloadState getBundle(String bundle) {
		return this.bundles.get(bundle);
	}

	void watching(String bundle) {
		this.bundles.putIfAbsent(bundle, new BundleReloadState(bundle, 0, 0, null, null, null));
	}

	void record(MaterialReloadEvent event) {
		this.bundles.compute(event.bundle(), (name, current) -> {
			BundleReloadState state = (current != null) ? current : new BundleReloadState(name, 0, 0, null, null, null);
			return (event.result() == MaterialReloadResult.SUCCESS) ? state.succeeded(event.time())
					: state.failed(event.time(), Objects.requireNonNull(event.error()));
		});
	}

	/**
	 * Reload state of one SSL bundle.
	 *
	 * @param bundle the bundle name
	 * @param successes number of reloads whose material was applied
	 * @param failures number of reloads whose material was refused
	 * @param lastSuccess when material was last applied, or {@code null}
	 * @param lastFailure when material was last refused, or {@code null}
	 * @param lastError the last refusal (property at fault, problem), or {@code null}
	 */
	public record BundleReloadState(String bundle, long successes, long failures, @Nullable Instant lastSuccess,
			@Nullable Instant lastFailure, @Nullable String lastError) {

		/**
		 * Return the number of reloads with the given result.
		 * @param result the result
		 * @return the count
		 */
		public long count(MaterialReloadResult result) {
			return (result == MaterialReloadResult.SUCCESS) ? this.successes : this.failures;
		}

		/**
		 * Whether the last attempt failed, so the bundle still uses older material than
		 * its files hold.
		 * @return true when the last attempt was refused
		 */
		public boolean isFailing() {
			return this.lastFailure != null && (this.lastSuccess == null || this.lastFailure.isAfter(this.lastSuccess));
		}

		BundleReloadState succeeded(Instant time) {
			return new BundleReloadState(this.bundle, this.successes + 1, this.failures, time, this.lastFailure,
					this.lastError);
		}

		BundleReloadState failed(Instant time, MtlsMaterialException error) {
			return new BundleReloadState(this.bundle, this.successes, this.failures + 1, this.lastSuccess, time,
					error.getMessage());
		}

	}

}
