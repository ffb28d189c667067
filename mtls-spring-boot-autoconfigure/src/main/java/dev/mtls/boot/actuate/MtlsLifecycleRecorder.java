package dev.mtls.boot.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Where certificate reloads and revocation checks report what they did, so that the
 * {@code mtls} endpoint, health contributor and metrics can show it. Has no dependency on
 * Actuator or Micrometer: the features that reload material or check revocation inject it
 * (through an {@code ObjectProvider}) and call it.
 * <p>
 * Until such a feature reports {@link #reloadEnabled() reload} or a
 * {@link #revocationEnabled(String) revocation mode}, both are shown as not enabled.
 * Successful reloads done through {@code SslBundleRegistry.updateBundle} for the
 * starter's bundles are recorded automatically; material replaced in place (outbound
 * clients) is reported with {@link #reloadSucceeded(String)}.
 */
public class MtlsLifecycleRecorder {

	/**
	 * Result tag of a revocation check whose certificate is not revoked.
	 */
	public static final String REVOCATION_GOOD = "good";

	/**
	 * Result tag of a revocation check whose certificate is revoked.
	 */
	public static final String REVOCATION_REVOKED = "revoked";

	/**
	 * Result tag of a revocation check whose status could not be determined.
	 */
	public static final String REVOCATION_UNKNOWN = "unknown";

	/**
	 * Result tag of a revocation check that failed (responder or CRL unreachable...).
	 */
	public static final String REVOCATION_ERROR = "error";

	static final List<String> REVOCATION_RESULTS = List.of(REVOCATION_GOOD, REVOCATION_REVOKED, REVOCATION_UNKNOWN,
			REVOCATION_ERROR);

	private final Clock clock;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private final AtomicLong reloadSuccesses = new AtomicLong();

	private final AtomicLong reloadFailures = new AtomicLong();

	private volatile boolean reloadEnabled;

	private volatile @Nullable Instant lastReload;

	private volatile @Nullable String lastReloadBundle;

	private volatile @Nullable Instant lastErrorTime;

	private volatile @Nullable String lastError;

	private volatile @Nullable String revocationMode;

	private volatile @Nullable Instant crlNextUpdate;

	private volatile @Nullable Integer ocspCacheSize;

	public MtlsLifecycleRecorder() {
		this(Clock.systemUTC());
	}

	MtlsLifecycleRecorder(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Record that material is watched and reloaded.
	 */
	public void reloadEnabled() {
		this.reloadEnabled = true;
	}

	/**
	 * Record a successful reload.
	 * @param bundle name of the SSL bundle whose material was replaced
	 */
	public void reloadSucceeded(String bundle) {
		this.lastReload = this.clock.instant();
		this.lastReloadBundle = bundle;
		this.reloadSuccesses.incrementAndGet();
		this.listeners.forEach((listener) -> listener.reloaded(bundle, true));
	}

	/**
	 * Record a failed reload; the previous material stays in use.
	 * @param bundle name of the SSL bundle whose material could not be replaced
	 * @param error what went wrong, for the operator (never secrets)
	 */
	public void reloadFailed(String bundle, @Nullable String error) {
		this.lastErrorTime = this.clock.instant();
		this.lastError = bundle + ": " + error;
		this.reloadFailures.incrementAndGet();
		this.listeners.forEach((listener) -> listener.reloaded(bundle, false));
	}

	/**
	 * Record that revocation is checked.
	 * @param mode the mode, e.g. {@code crl}, {@code ocsp}, {@code ocsp-then-crl}
	 */
	public void revocationEnabled(String mode) {
		this.revocationMode = mode;
	}

	/**
	 * Record the current state of the revocation sources.
	 * @param crlNextUpdate the earliest next update of the loaded CRLs, or {@code null}
	 * @param ocspCacheSize the number of cached OCSP responses, or {@code null}
	 */
	public void revocationSources(@Nullable Instant crlNextUpdate, @Nullable Integer ocspCacheSize) {
		this.crlNextUpdate = crlNextUpdate;
		this.ocspCacheSize = ocspCacheSize;
	}

	/**
	 * Record one revocation check.
	 * @param result one of {@link #REVOCATION_GOOD}, {@link #REVOCATION_REVOKED},
	 * {@link #REVOCATION_UNKNOWN}, {@link #REVOCATION_ERROR}
	 */
	public void revocationChecked(String result) {
		this.listeners.forEach((listener) -> listener.revocationChecked(result));
	}

	/**
	 * Return what is known of reloads.
	 */
	public ReloadState getReloadState() {
		return new ReloadState(this.reloadEnabled, this.lastReload, this.lastReloadBundle, this.lastErrorTime,
				this.lastError, this.reloadSuccesses.get(), this.reloadFailures.get());
	}

	/**
	 * Return what is known of revocation checking.
	 */
	public RevocationState getRevocationState() {
		String mode = this.revocationMode;
		return new RevocationState(mode != null, (mode != null) ? mode : "not enabled", this.crlNextUpdate,
				this.ocspCacheSize);
	}

	void addListener(Listener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Reload state.
	 *
	 * @param enabled whether material is reloaded
	 * @param lastReload time of the last successful reload
	 * @param lastReloadBundle bundle of the last successful reload
	 * @param lastErrorTime time of the last failed reload
	 * @param lastError message of the last failed reload
	 * @param successes number of successful reloads
	 * @param failures number of failed reloads
	 */
	public record ReloadState(boolean enabled, @Nullable Instant lastReload, @Nullable String lastReloadBundle,
			@Nullable Instant lastErrorTime, @Nullable String lastError, long successes, long failures) {

	}

	/**
	 * Revocation state.
	 *
	 * @param enabled whether revocation is checked
	 * @param mode the mode, {@code not enabled} when off
	 * @param crlNextUpdate earliest next update of the loaded CRLs
	 * @param ocspCacheSize number of cached OCSP responses
	 */
	public record RevocationState(boolean enabled, @Nullable String mode, @Nullable Instant crlNextUpdate,
			@Nullable Integer ocspCacheSize) {

	}

	interface Listener {

		default void reloaded(String bundle, boolean success) {
		}

		default void revocationChecked(String result) {
		}

	}

}
