package dev.mtls.boot.revocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CRL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.mtls.boot.pki.MtlsMaterialException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The CRLs to check against: the configured locations, and optionally the distribution
 * points of the certificates seen. Each location is read once, then again in the
 * background once its refresh period has passed; requests keep using the last good CRLs
 * meanwhile, so no request waits for a CRL server except for a location's very first
 * read. A CRL whose content did not change keeps its parsed object, whose signature the
 * JDK verified once and remembers. Distribution points are bounded in number and
 * forgotten when no certificate named them for a while.
 */
class CrlSource implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(CrlSource.class);

	static final int MAX_DISTRIBUTION_POINTS = 1000;

	private static final String DELTA_CRL_INDICATOR = Extension.deltaCRLIndicator.getId();

	private final List<String> locations;

	private final boolean useDistributionPoints;

	private final Duration refreshPeriod;

	private final Duration grace;

	private final Duration firstReadTimeout;

	private final ResourceLoader resourceLoader;

	private final RevocationFetcher fetcher;

	private final Clock clock;

	private final Map<String, Location> entries = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final AtomicLong lastSweep = new AtomicLong();

	private final List<Runnable> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

	/**
	 * Reads CRLs off the request path: at most four at once (each location has at most
	 * one read under way), threads that end when idle.
	 */
	private final ThreadPoolExecutor refresher = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>(), new ThreadFactory() {

				private final AtomicLong count = new AtomicLong();

				@Override
				public Thread newThread(Runnable task) {
					Thread thread = new Thread(task, "mtls-crl-refresh-" + this.count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				}

			});

	CrlSource(MtlsRevocationProperties properties, ResourceLoader resourceLoader, RevocationFetcher fetcher,
			Clock clock) {
		this.locations = properties.getCrl().stream().map(String::trim).filter((l) -> !l.isEmpty()).toList();
		this.useDistributionPoints = properties.isUseCrlDistributionPoints();
		this.refreshPeriod = properties.getRefreshPeriod();
		this.grace = properties.getCrlNextUpdateGrace();
		// A first read may follow redirects: give it the time the fetcher may take.
		this.firstReadTimeout = properties.getTimeout().multipliedBy(RevocationFetcher.MAX_REDIRECTS + 2);
		this.resourceLoader = resourceLoader;
		this.fetcher = fetcher;
		this.clock = clock;
		this.refresher.allowCoreThreadTimeOut(true);
	}

	/**
	 * Read the configured locations now, at startup, so that their problems show at once.
	 * @throws MtlsMaterialException when a configured location holds a delta CRL
	 */
	void readConfigured() {
		for (String location : this.locations) {
			Location entry = this.entries.computeIfAbsent(location, (key) -> new Location(key, true));
			Loaded loaded = entry.current(this.firstReadTimeout);
			if (loaded.deltaRefused() != null) {
				throw new MtlsMaterialException("mtls.revocation.crl",
						"'" + location + "' holds a delta CRL (" + loaded.deltaRefused()
								+ "); the JDK's revocation checker does not apply delta CRLs, so its entries "
								+ "would be silently ignored",
						"Configure the complete (base) CRL of that issuer instead of its delta CRL.");
			}
			if (loaded.crls().isEmpty()) {
				logger.warn("No CRL could be read from " + location + " at startup: the certificates of its issuer "
						+ "have an undetermined revocation status, refused unless mtls.revocation.soft-fail=true, "
						+ "until it can be read (tried again every mtls.revocation.refresh-period)");
			}
		}
	}

	/**
	 * Be told when the CRLs in use change.
	 */
	void onChange(Runnable listener) {
		this.changeListeners.add(listener);
	}

	/**
	 * Return the generation of the CRLs in use, which changes whenever one of them does,
	 * starting the background refresh of the configured locations that are due.
	 */
	long generation() {
		for (String location : this.locations) {
			Location entry = this.entries.get(location);
			if (entry != null) {
				entry.refreshIfDue();
			}
		}
		return this.generation.get();
	}

	/**
	 * Return the CRLs that apply to a chain, with the generation they belong to.
	 */
	Crls crlsFor(List<X509Certificate> chain) {
		// Read before the CRLs: a verdict cached under this generation then never holds
		// a newer CRL's answer under an older name, only the reverse.
		long generation = this.generation.get();
		List<X509CRL> crls = new ArrayList<>();
		for (String location : this.locations) {
			crls.addAll(get(location, false));
		}
		if (this.useDistributionPoints) {
			forgetUnusedDistributionPoints();
			for (X509Certificate certificate : chain) {
				for (String uri : distributionPoints(certificate)) {
					if (!this.locations.contains(uri)) {
						crls.addAll(get(uri, true));
					}
				}
			}
		}
		return new Crls(List.copyOf(crls), generation);
	}

	private List<X509CRL> get(String location, boolean distributionPoint) {
		Location entry = this.entries.get(location);
		if (entry == null) {
			if (distributionPoint && this.entries.size() >= MAX_DISTRIBUTION_POINTS + this.locations.size()) {
				evictDistributionPoints();
			}
			entry = this.entries.computeIfAbsent(location, (key) -> new Location(key, !distributionPoint));
		}
		return entry.current(this.firstReadTimeout).crls();
	}

	/**
	 * Forget, at most once a refresh period, the distribution points no certificate named
	 * for ten refresh periods, with their CRLs.
	 */
	private void forgetUnusedDistributionPoints() {
		long now = this.clock.millis();
		long last = this.lastSweep.get();
		if (now - last < this.refreshPeriod.toMillis() || !this.lastSweep.compareAndSet(last, now)) {
			return;
		}
		long unusedFor = Math.max(this.refreshPeriod.toMillis() * 10, 60_000);
		this.entries.values().removeIf((entry) -> !entry.configured && now - entry.lastUsed > unusedFor);
	}

	/**
	 * Make room for one more distribution point: forget the unused ones and if that is
	 * not enough, the least recently named one.
	 */
	private void evictDistributionPoints() {
		this.lastSweep.set(0);
		forgetUnusedDistributionPoints();
		if (this.entries.size() >= MAX_DISTRIBUTION_POINTS + this.locations.size()) {
			this.entries.values()
				.stream()
				.filter((entry) -> !entry.configured)
				.min(Comparator.comparingLong((Location entry) -> entry.lastUsed))
				.ifPresent((oldest) -> this.entries.remove(oldest.location, oldest));
		}
	}

	private Loaded read(String location, @Nullable Loaded previous) {
		Instant now = this.clock.instant();
		try {
			byte[] content = content(location);
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
			if (previous != null && Arrays.equals(previous.digest(), digest)) {
				logger.debug("CRL from " + location + " unchanged");
				warnIfStale(location, previous.crls(), now);
				return new Loaded(previous.crls(), digest, now.plus(this.refreshPeriod), null);
			}
			List<X509CRL> crls = parse(content);
			String delta = deltaCrl(crls);
			if (delta != null) {
				logger.warn("CRL from " + location + " is a delta CRL (" + delta
						+ "), which the JDK does not apply; keeping the CRLs read before, if any");
				return new Loaded((previous != null) ? previous.crls() : List.of(),
						(previous != null) ? previous.digest() : null, now.plus(this.refreshPeriod), delta);
			}
			for (X509CRL crl : crls) {
				logger.info("Loaded CRL from " + location + ": issuer '" + crl.getIssuerX500Principal().getName()
						+ "', number " + crlNumber(crl) + ", " + entries(crl) + " entries, nextUpdate "
						+ nextUpdate(crl));
			}
			warnIfStale(location, crls, now);
			return new Loaded(List.copyOf(crls), digest, now.plus(this.refreshPeriod), null);
		}
		catch (IOException | GeneralSecurityException | RuntimeException ex) {
			logger.warn("Unable to read CRL from " + location + " (" + ex.getMessage()
					+ "); keeping the CRLs read before, if any");
			return new Loaded((previous != null) ? previous.crls() : List.of(),
					(previous != null) ? previous.digest() : null, now.plus(this.refreshPeriod), null);
		}
	}

	private void warnIfStale(String location, List<X509CRL> crls, Instant now) {
		for (X509CRL crl : crls) {
			if (isStale(crl, now)) {
				logger.warn("CRL from " + location + " (issuer '" + crl.getIssuerX500Principal().getName()
						+ "') is past its nextUpdate " + nextUpdate(crl)
						+ " and no newer one could be read; the certificates it covers are refused "
						+ "(accepted with mtls.revocation.soft-fail=true) 15 minutes after nextUpdate");
			}
		}
	}

	private boolean isStale(X509CRL crl, Instant now) {
		Date nextUpdate = crl.getNextUpdate();
		return nextUpdate == null || now.isAfter(nextUpdate.toInstant().plus(this.grace));
	}

	private byte[] content(String location) throws IOException {
		String lower = location.toLowerCase(Locale.ROOT);
		if (lower.startsWith("http://") || lower.startsWith("https://")) {
			return this.fetcher.get(URI.create(location));
		}
		Resource resource = this.resourceLoader.getResource(location);
		try (InputStream in = resource.getInputStream()) {
			return in.readAllBytes();
		}
	}

	private static List<X509CRL> parse(byte[] content) throws GeneralSecurityException {
		Collection<? extends CRL> crls = CertificateFactory.getInstance("X.509")
			.generateCRLs(new ByteArrayInputStream(content));
		List<X509CRL> x509 = new ArrayList<>();
		for (CRL crl : crls) {
			x509.add((X509CRL) crl);
		}
		if (x509.isEmpty()) {
			throw new GeneralSecurityException("no CRL in content");
		}
		return x509;
	}

	private static @Nullable String deltaCrl(List<X509CRL> crls) {
		for (X509CRL crl : crls) {
			if (crl.getExtensionValue(DELTA_CRL_INDICATOR) != null) {
				return "issuer '" + crl.getIssuerX500Principal().getName() + "', number " + crlNumber(crl);
			}
		}
		return null;
	}

	static String crlNumber(X509CRL crl) {
		byte[] extension = crl.getExtensionValue(Extension.cRLNumber.getId());
		if (extension == null) {
			return "none";
		}
		try {
			BigInteger number = ASN1Integer.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getValue();
			return number.toString();
		}
		catch (RuntimeException ex) {
			return "unreadable";
		}
	}

	private static int entries(X509CRL crl) {
		Set<?> revoked = crl.getRevokedCertificates();
		return (revoked != null) ? revoked.size() : 0;
	}

	private static String nextUpdate(X509CRL crl) {
		return (crl.getNextUpdate() != null) ? crl.getNextUpdate().toInstant().toString() : "none";
	}

	static List<String> distributionPoints(X509Certificate certificate) {
		byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
		if (extension == null) {
			return List.of();
		}
		List<String> uris = new ArrayList<>();
		try {
			CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
			for (DistributionPoint point : points.getDistributionPoints()) {
				DistributionPointName name = point.getDistributionPoint();
				if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
					continue;
				}
				for (GeneralName generalName : GeneralNames.getInstance(name.getName()).getNames()) {
					if (generalName.getTagNo() == GeneralName.uniformResourceIdentifier) {
						String uri = generalName.getName().toString();
						if (uri.toLowerCase(Locale.ROOT).startsWith("http")) {
							uris.add(uri);
						}
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// A malformed extension yields no distribution point; the status then stays
			// undetermined.
		}
		return uris;
	}

	/**
	 * Return the earliest nextUpdate of the CRLs read so far, or {@code null}.
	 */
	@Nullable Instant earliestNextUpdate() {
		return loadedCrls().map(X509CRL::getNextUpdate)
			.filter(Objects::nonNull)
			.map(Date::toInstant)
			.min(Comparator.naturalOrder())
			.orElse(null);
	}

	/**
	 * Return the CRLs in use that are past their nextUpdate plus the grace period, each
	 * described for the operator.
	 */
	List<String> staleCrls() {
		Instant now = this.clock.instant();
		return loadedCrls().filter((crl) -> isStale(crl, now))
			.map((crl) -> "CRL of '" + crl.getIssuerX500Principal().getName() + "' (number " + crlNumber(crl)
					+ ") is past its nextUpdate " + nextUpdate(crl))
			.distinct()
			.toList();
	}

	private java.util.stream.Stream<X509CRL> loadedCrls() {
		return this.entries.values()
			.stream()
			.map((entry) -> entry.loaded.get())
			.filter(Objects::nonNull)
			.flatMap((loaded) -> loaded.crls().stream());
	}

	@Override
	public void close() {
		this.refresher.shutdownNow();
	}

	/**
	 * The CRLs that apply to a chain.
	 *
	 * @param crls the CRLs
	 * @param generation changes whenever a CRL in use changes
	 */
	record Crls(List<X509CRL> crls, long generation) {

	}

	private record Loaded(List<X509CRL> crls, byte @Nullable [] digest, Instant refreshAt,
			@Nullable String deltaRefused) {

	}

	/**
	 * One CRL location: what was read last and at most one read under way.
	 */
	private final class Location {

		private final String location;

		private final boolean configured;

		private final AtomicReference<@Nullable Loaded> loaded = new AtomicReference<>();

		private final AtomicReference<@Nullable CompletableFuture<Loaded>> reading = new AtomicReference<>();

		private volatile long lastUsed;

		Location(String location, boolean configured) {
			this.location = location;
			this.configured = configured;
			this.lastUsed = CrlSource.this.clock.millis();
		}

		/**
		 * Return the CRLs to use now: the last read, refreshed in the background when
		 * due; the first time, wait for the first read.
		 */
		Loaded current(Duration firstReadTimeout) {
			this.lastUsed = CrlSource.this.clock.millis();
			Loaded current = this.loaded.get();
			if (current == null) {
				return awaitFirst(read(), firstReadTimeout);
			}
			refreshIfDue();
			return current;
		}

		void refreshIfDue() {
			Loaded current = this.loaded.get();
			if (current != null && !CrlSource.this.clock.instant().isBefore(current.refreshAt())) {
				read();
			}
		}

		private Loaded awaitFirst(CompletableFuture<Loaded> first, Duration timeout) {
			try {
				return first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				logger.warn("CRL from " + this.location + " not read yet (" + ex + ")");
			}
			Loaded meanwhile = this.loaded.get();
			return (meanwhile != null) ? meanwhile : new Loaded(List.of(), null, Instant.MIN, null);
		}

		/**
		 * Start a read unless one is under way (single flight), and return it.
		 */
		private CompletableFuture<Loaded> read() {
			CompletableFuture<Loaded> under = this.reading.get();
			if (under != null) {
				return under;
			}
			CompletableFuture<Loaded> mine = new CompletableFuture<>();
			if (!this.reading.compareAndSet(null, mine)) {
				// Another read started meanwhile (and may already have ended): join it or
				// start anew.
				return read();
			}
			try {
				CrlSource.this.refresher.execute(() -> {
					try {
						Loaded previous = this.loaded.get();
						Loaded next = CrlSource.this.read(this.location, previous);
						this.loaded.set(next);
						if (previous == null || previous.crls() != next.crls()) {
							// After the swap: see crlsFor.
							CrlSource.this.generation.incrementAndGet();
							CrlSource.this.changeListeners.forEach(Runnable::run);
						}
						mine.complete(next);
					}
					catch (RuntimeException ex) {
						mine.completeExceptionally(ex);
					}
					finally {
						this.reading.compareAndSet(mine, null);
					}
				});
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				this.reading.compareAndSet(mine, null);
				mine.completeExceptionally(ex);
			}
			return mine;
		}

	}

}
