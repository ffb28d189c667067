package dev.mtls.boot.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.mtls.boot.pki.MtlsMaterialException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Watches the files of each {@link ReloadTarget} on one daemon thread,
 * {@value #THREAD_NAME}: change events of the directories that hold them
 * ({@link WatchService}) and a periodic fallback check both lead, once the files have
 * been quiet for the quiet period, to a comparison of the files' content with what was
 * last loaded; a target whose content changed is reloaded.
 * <p>
 * A change that happens while a target is being loaded (a file rewritten between the
 * reads of certificate and key) is not reported as a failure: the target is checked again
 * after the next quiet period. Refused content is not retried until it changes again, so
 * a broken file is reported once, not on every check.
 */
final class MaterialWatcher implements SmartLifecycle {

	static final String THREAD_NAME = "mtls-reload";

	private static final Log logger = LogFactory.getLog(MaterialWatcher.class);

	private final List<ReloadTarget> targets;

	private final MaterialReloader reloader;

	private final long quietPeriodNanos;

	private final long periodNanos;

	private final Map<ReloadTarget, MaterialSnapshot> lastLoaded = new LinkedHashMap<>();

	private final Map<Path, WatchKey> watchKeys = new HashMap<>();

	private volatile @Nullable WatchService watchService;

	private volatile @Nullable Thread thread;

	private volatile boolean running;

	MaterialWatcher(List<ReloadTarget> targets, MaterialReloader reloader, Duration quietPeriod, Duration period) {
		Assert.isTrue(!quietPeriod.isNegative(), "mtls.reload.quiet-period must not be negative");
		Assert.isTrue(!period.isNegative() && !period.isZero(), "mtls.reload.period must be positive");
		this.targets = List.copyOf(targets);
		this.reloader = reloader;
		this.quietPeriodNanos = quietPeriod.toNanos();
		this.periodNanos = period.toNanos();
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		if (this.targets.isEmpty()) {
			logger.debug("No key or trust material is read from files: nothing to watch");
			return;
		}
		for (ReloadTarget target : this.targets) {
			this.lastLoaded.put(target, MaterialSnapshot.of(target.files()));
			this.reloader.watching(target);
		}
		try {
			this.watchService = FileSystems.getDefault().newWatchService();
		}
		catch (IOException | UnsupportedOperationException ex) {
			logger.warn("File change events are not available (" + ex + "); key and trust material is checked every "
					+ Duration.ofNanos(this.periodNanos) + " (mtls.reload.period)");
		}
		registerWatches();
		Thread thread = new Thread(this::run, THREAD_NAME);
		thread.setDaemon(true);
		this.thread = thread;
		thread.start();
		logger.info("Watching the key and trust material of SSL bundle(s) "
				+ this.targets.stream().map(ReloadTarget::bundleName).toList() + " for changes");
	}

	@Override
	public void stop() {
		Thread thread;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			thread = this.thread;
			this.thread = null;
			closeWatchService();
		}
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		long nextPeriodicCheck = System.nanoTime() + this.periodNanos;
		long pendingCheck = Long.MAX_VALUE;
		long pendingSince = 0;
		while (this.running) {
			try {
				long now = System.nanoTime();
				long waitNanos = Math.max(1, Math.min(nextPeriodicCheck, pendingCheck) - now);
				if (awaitChange(waitNanos)) {
					// Every event pushes the check back: files written in several steps
					// are
					// read once the writer has been quiet for the quiet period; a
					// directory
					// that never gets quiet is still checked once per period.
					long eventTime = System.nanoTime();
					if (pendingCheck == Long.MAX_VALUE) {
						pendingSince = eventTime;
					}
					pendingCheck = Math.min(eventTime + this.quietPeriodNanos, pendingSince + this.periodNanos);
				}
				now = System.nanoTime();
				if (now - nextPeriodicCheck >= 0) {
					nextPeriodicCheck = now + this.periodNanos;
					if (pendingCheck == Long.MAX_VALUE && anyChanged()) {
						pendingSince = now;
						pendingCheck = now + this.quietPeriodNanos;
					}
				}
				if (pendingCheck != Long.MAX_VALUE && now - pendingCheck >= 0) {
					pendingSince = System.nanoTime();
					pendingCheck = checkAll() ? pendingSince + this.quietPeriodNanos : Long.MAX_VALUE;
					registerWatches();
				}
			}
			catch (InterruptedException | ClosedWatchServiceException ex) {
				return;
			}
			catch (RuntimeException ex) {
				logger.error("Unexpected failure while checking key and trust material for changes", ex);
			}
		}
	}

	/**
	 * Wait for file events.
	 * @return whether any arrived
	 */
	private boolean awaitChange(long waitNanos) throws InterruptedException {
		WatchService service = this.watchService;
		if (service == null) {
			TimeUnit.NANOSECONDS.sleep(waitNanos);
			return false;
		}
		WatchKey key = service.poll(waitNanos, TimeUnit.NANOSECONDS);
		boolean changed = false;
		while (key != null) {
			changed |= !key.pollEvents().isEmpty();
			key.reset();
			key = service.poll();
		}
		return changed;
	}

	private boolean anyChanged() {
		return this.targets.stream()
			.anyMatch((target) -> !MaterialSnapshot.of(target.files()).equals(this.lastLoaded.get(target)));
	}

	/**
	 * Reload every target whose content changed.
	 * @return whether content changed during a reload, so another check is needed
	 */
	private boolean checkAll() {
		boolean again = false;
		for (ReloadTarget target : this.targets) {
			MaterialSnapshot before = MaterialSnapshot.of(target.files());
			if (before.equals(this.lastLoaded.get(target))) {
				continue;
			}
			MtlsMaterialException refusal = this.reloader.attempt(target);
			boolean changedMeanwhile = !MaterialSnapshot.of(target.files()).equals(before);
			if (refusal != null && changedMeanwhile) {
				logger.debug("Files of SSL bundle '" + target.bundleName() + "' changed while being loaded ("
						+ refusal.getMessage() + "); checking again after the quiet period");
				again = true;
				continue;
			}
			if (refusal != null) {
				this.reloader.failed(target, refusal);
			}
			this.lastLoaded.put(target, before);
			again |= changedMeanwhile;
		}
		return again;
	}

	private void registerWatches() {
		WatchService service = this.watchService;
		if (service == null) {
			return;
		}
		Set<Path> directories = new HashSet<>();
		this.targets.forEach((target) -> directories.addAll(MaterialSnapshot.directoriesToWatch(target.files())));
		this.watchKeys.entrySet().removeIf((entry) -> {
			boolean obsolete = !directories.contains(entry.getKey()) || !entry.getValue().isValid();
			if (obsolete) {
				entry.getValue().cancel();
			}
			return obsolete;
		});
		for (Path directory : directories) {
			if (!this.watchKeys.containsKey(directory)) {
				try {
					this.watchKeys.put(directory, directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
							StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
				}
				catch (IOException ex) {
					logger.debug("Cannot watch " + directory + " (" + ex + "); relying on the periodic check");
				}
			}
		}
	}

	private void closeWatchService() {
		WatchService service = this.watchService;
		this.watchService = null;
		if (service != null) {
			try {
				service.close();
			}
			catch (IOException ex) {
				// Closing on shutdown: nothing to do.
			}
		}
	}

}
