package dev.mtls.boot.revocation;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.mtls.boot.auth.CertificateChainVerifier;
import dev.mtls.boot.auth.CertificateRejectedException;
import dev.mtls.boot.pki.CertificatePathValidation;
import dev.mtls.boot.pki.ClientTrustAnchors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Validates every request's client chain again with the JDK's PKIX validator, against the
 * trust anchors in force now and with the configured revocation check of every
 * certificate of the path, the end entity and each CA below the trust anchor. Tomcat
 * validates a certificate once per TLS session; a resumed session (TLS 1.3 ticket or PSK)
 * carries the identity without a new handshake, so without this a revoked certificate or
 * a removed trust anchor would keep working until the session ends.
 * <p>
 * The JDK decides every verdict; it is remembered per chain until the CRLs, the OCSP
 * responses or the trust anchors it was based on change, the refresh period passes, or a
 * certificate of the path expires. The JDK hashes the whole encoding of every CRL it
 * considers, on every validation, so without this a request would cost time linear in the
 * size of the CRLs.
 */
public class PkixChainVerifier implements CertificateChainVerifier, AutoCloseable {

	private static final Log logger = LogFactory.getLog(PkixChainVerifier.class);

	static final int MAX_VERDICTS = 4096;

	private final ClientTrustAnchors trust;

	private final MtlsRevocationProperties properties;

	private final RevocationMode mode;

	private final CrlSource crls;

	private final OcspResponses ocsp;

	private final List<X509Certificate> crlSigners;

	private final List<RevocationCheckListener> listeners;

	private final Clock clock;

	private final Map<List<X509Certificate>, Verdict> verdicts = new ConcurrentHashMap<>();

	private final Map<List<X509Certificate>, CompletableFuture<Verdict>> deciding = new ConcurrentHashMap<>();

	private volatile @Nullable Anchors anchors;

	private volatile @Nullable Instant crlNextUpdate;

	PkixChainVerifier(ClientTrustAnchors trust, MtlsRevocationProperties properties, CrlSource crls, OcspResponses ocsp,
			List<X509Certificate> crlSigners, List<RevocationCheckListener> listeners, Clock clock) {
		this.trust = trust;
		this.properties = properties;
		this.mode = properties.effectiveMode();
		this.crls = crls;
		this.ocsp = ocsp;
		this.crlSigners = List.copyOf(crlSigners);
		this.listeners = List.copyOf(listeners);
		this.clock = clock;
		crls.onChange(this::crlsChanged);
	}

	/**
	 * Return the revocation mode in force.
	 */
	public RevocationMode getMode() {
		return this.mode;
	}

	/**
	 * Return the number of OCSP responses cached now.
	 */
	public int getOcspCacheSize() {
		return this.ocsp.size();
	}

	/**
	 * Return the earliest next update of the CRLs read so far, or {@code null}.
	 */
	public @Nullable Instant getCrlNextUpdate() {
		return this.crlNextUpdate;
	}

	/**
	 * Return the CRLs in use that are past their nextUpdate plus
	 * {@code mtls.revocation.crl-next-update-grace}, described for the operator; empty
	 * when every CRL is fresh.
	 */
	public List<String> getStaleCrls() {
		return this.crls.staleCrls();
	}

	/**
	 * Return whether trust anchors are configured now, for a check at startup.
	 */
	boolean hasAnchors() {
		Anchors current = currentAnchors();
		return current != null && !current.anchors().isEmpty();
	}

	private void crlsChanged() {
		this.crlNextUpdate = this.crls.earliestNextUpdate();
		for (RevocationCheckListener listener : this.listeners) {
			try {
				listener.revocationSourcesChanged(this);
			}
			catch (RuntimeException ex) {
				logger.warn("Revocation check listener failed", ex);
			}
		}
	}

	@Override
	public void verify(List<X509Certificate> chain) {
		Anchors current = currentAnchors();
		if (current == null) {
			if (this.mode == RevocationMode.NONE) {
				// No trust store at all (e.g. behind a proxy that validated the chain):
				// nothing to validate again. Revocation without anchors refuses to start.
				return;
			}
			report("unknown");
			throw new CertificateRejectedException("revocation status cannot be determined: no trust anchors");
		}
		if (current.anchors().isEmpty()) {
			report("untrusted");
			throw new CertificateRejectedException(
					"no client CA is trusted (" + this.trust.getSource() + " holds no certificate)");
		}
		List<X509Certificate> key = List.copyOf(chain);
		Instant now = this.clock.instant();
		long generation = sourcesGeneration();
		Verdict verdict = this.verdicts.get(key);
		if (verdict == null || !verdict.holds(current, generation, now)) {
			verdict = decideOnce(key, current, now);
		}
		report(verdict.result());
		if (verdict.rejection() != null) {
			throw new CertificateRejectedException(verdict.rejection());
		}
	}

	/**
	 * Ask the JDK once for concurrent misses of the same chain (the first requests after
	 * a CRL changed, say): the others wait for that answer.
	 */
	private Verdict decideOnce(List<X509Certificate> key, Anchors anchors, Instant now) {
		CompletableFuture<Verdict> mine = new CompletableFuture<>();
		CompletableFuture<Verdict> shared = this.deciding.putIfAbsent(key, mine);
		if (shared != null) {
			return shared.join();
		}
		try {
			Verdict verdict = decide(key, anchors, now);
			if (verdict.expiresAt() != null) {
				remember(key, verdict);
			}
			mine.complete(verdict);
			return verdict;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.deciding.remove(key, mine);
		}
	}

	/**
	 * Check the revocation status of a server certificate that an outbound client already
	 * validated: its issuer, the next certificate the server sent, is the anchor.
	 * @param chain the server's chain, leaf first
	 * @throws CertificateRejectedException when the certificate is revoked or its status
	 * cannot be determined without soft-fail
	 */
	void verifyServerCertificate(List<X509Certificate> chain) {
		if (chain.size() < 2) {
			if (!this.properties.isSoftFail()) {
				throw new CertificateRejectedException(
						"revocation status cannot be determined: the server sent no issuer certificate");
			}
			return;
		}
		Anchors issuer = new Anchors(null, Set.of(new TrustAnchor(chain.get(1), null)), List.of(chain.get(1)));
		Verdict verdict = decide(chain.subList(0, 1), issuer, this.clock.instant());
		report(verdict.result());
		if (verdict.rejection() != null) {
			throw new CertificateRejectedException(verdict.rejection());
		}
	}

	private long sourcesGeneration() {
		return usesCrls() ? this.crls.generation() : 0;
	}

	private boolean usesCrls() {
		return this.mode == RevocationMode.CRL || this.mode == RevocationMode.OCSP_THEN_CRL;
	}

	private void remember(List<X509Certificate> key, Verdict verdict) {
		if (this.verdicts.size() >= MAX_VERDICTS) {
			Instant now = this.clock.instant();
			this.verdicts.values().removeIf((old) -> !now.isBefore(old.expiresAt()));
			Iterator<List<X509Certificate>> keys = this.verdicts.keySet().iterator();
			while (this.verdicts.size() >= MAX_VERDICTS && keys.hasNext()) {
				keys.next();
				keys.remove();
			}
		}
		this.verdicts.put(key, verdict);
	}

	/**
	 * Ask the JDK: the path below the anchors, with the revocation status of each of its
	 * certificates (end entity and CAs), under the soft/hard-fail rule.
	 */
	private Verdict decide(List<X509Certificate> chain, Anchors anchors, Instant now) {
		long generation = sourcesGeneration();
		List<X509Certificate> path = path(chain, anchors);
		// A change of the configured CRLs, OCSP answers or anchors ends a verdict; the
		// distribution points are looked at again only when a verdict ends.
		Instant expiresAt = (usesCrls() && this.properties.isUseCrlDistributionPoints())
				? now.plus(this.properties.getRefreshPeriod()) : Instant.MAX;
		for (X509Certificate certificate : path) {
			expiresAt = earliest(expiresAt, certificate.getNotAfter().toInstant());
		}
		Revocation revocation = null;
		try {
			if (this.mode == RevocationMode.NONE || path.isEmpty()) {
				CertificatePathValidation.validate(chain, anchors.anchors(), (parameters) -> {
				});
				return Verdict.good(anchors, generation, expiresAt);
			}
			CrlSource.Crls crlSet = usesCrls() ? this.crls.crlsFor(chain) : new CrlSource.Crls(List.of(), 0);
			for (X509CRL crl : crlSet.crls()) {
				if (crl.getNextUpdate() != null) {
					expiresAt = earliest(expiresAt, crl.getNextUpdate().toInstant());
				}
			}
			CertStore store = certStore(chain, anchors, crlSet.crls());
			revocation = (this.mode == RevocationMode.CRL) ? Revocation.crls(store) : ocsp(path, anchors, store);
			if (revocation.undetermined() != null && !this.properties.isSoftFail()) {
				return Verdict.undetermined("revocation status cannot be determined"
						+ (revocation.undeterminedIsCa() ? " for a CA certificate of the chain" : ""));
			}
			Revocation checked = revocation;
			PKIXRevocationChecker checker = (checked.options() != null) ? checker(checked) : null;
			CertificatePathValidation.validate(chain, anchors.anchors(), (parameters) -> {
				parameters.addCertStore(checked.store());
				if (checker != null) {
					parameters.setRevocationEnabled(true);
					parameters.addCertPathChecker(checker);
				}
			});
			List<String> softFailures = softFailures(revocation, checker, path);
			if (!softFailures.isEmpty()) {
				softFailures
					.forEach((failure) -> logger.warn(failure + "; accepted because mtls.revocation.soft-fail=true"));
				return Verdict.softFailed();
			}
			return Verdict.good(anchors, generation, earliest(expiresAt, revocation.ocspExpiresAt()));
		}
		catch (CertPathValidatorException ex) {
			boolean ca = ex.getIndex() > 0;
			if (ex.getReason() == BasicReason.REVOKED) {
				return Verdict.rejected("revoked",
						ca ? "a CA certificate of the chain is revoked" : "certificate is revoked", anchors, generation,
						earliest(expiresAt, (revocation != null) ? revocation.ocspExpiresAt() : Instant.MAX));
			}
			if (ex.getReason() == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
				return Verdict.undetermined(
						"revocation status cannot be determined" + (ca ? " for a CA certificate of the chain" : ""));
			}
			return Verdict.rejected("untrusted",
					"certificate is no longer trusted (" + ((ex.getReason() != null)
							? ex.getReason().toString().toLowerCase(Locale.ROOT) : "invalid path") + ")",
					anchors, generation, earliest(expiresAt, now.plus(this.properties.getRefreshPeriod())));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return Verdict.rejected("untrusted", "certificate chain cannot be validated", anchors, generation, null);
		}
	}

	/**
	 * Fetch (or take from the cache) an OCSP answer for every certificate of the path, so
	 * that the JDK never has to fetch one itself on the request path.
	 */
	private Revocation ocsp(List<X509Certificate> path, Anchors anchors, CertStore store) {
		Map<X509Certificate, byte[]> responses = new java.util.HashMap<>();
		Instant expiresAt = Instant.MAX;
		int missing = -1;
		String why = null;
		for (int i = path.size() - 1; i >= 0; i--) {
			try {
				OcspResponses.Cached response = this.ocsp.get(path.get(i),
						issuer(path.subList(i, path.size()), anchors));
				responses.put(path.get(i), response.response());
				expiresAt = earliest(expiresAt, response.expiresAt());
			}
			catch (IOException ex) {
				missing = i;
				why = ex.getMessage();
			}
		}
		if (missing < 0) {
			// ocsp-then-crl: the JDK falls back to the store's CRLs for an answer it
			// cannot use.
			return new Revocation(store,
					(this.mode == RevocationMode.OCSP) ? EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK)
							: EnumSet.noneOf(PKIXRevocationChecker.Option.class),
					responses, expiresAt, null, false);
		}
		if (this.mode == RevocationMode.OCSP_THEN_CRL) {
			logger.debug("OCSP unavailable (" + why + "), checking CRLs");
			return Revocation.crls(store);
		}
		String undetermined = "Revocation status of '" + path.get(missing).getSubjectX500Principal().getName()
				+ "' cannot be determined (" + why + ")";
		X509Certificate leaf = path.get(0);
		if (this.properties.isSoftFail()) {
			if (missing > 0 && responses.containsKey(leaf) && leaf.getBasicConstraints() == -1) {
				// The end entity alone still has an answer: check it (the JDK would fetch
				// the missing CA answer itself if asked for the whole path).
				return new Revocation(store,
						EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK,
								PKIXRevocationChecker.Option.ONLY_END_ENTITY),
						Map.of(leaf, responses.get(leaf)), Instant.MIN, undetermined, true);
			}
			return new Revocation(store, null, Map.of(), Instant.MIN, undetermined, missing > 0);
		}
		return new Revocation(store, null, Map.of(), Instant.MIN, undetermined, missing > 0);
	}

	/**
	 * What the JDK may need besides the path: the CRLs, and the certificates that may
	 * have signed them (a CA's separate CRL-signing certificate, its new key after a
	 * rollover, an indirect CRL issuer), from the trust store, the chain and
	 * {@code mtls.revocation.crl-signers}.
	 */
	private CertStore certStore(List<X509Certificate> chain, Anchors anchors, List<X509CRL> crls)
			throws GeneralSecurityException {
		List<Object> content = new ArrayList<>(crls);
		content.addAll(anchors.certificates());
		content.addAll(this.crlSigners);
		content.addAll(chain);
		return CertStore.getInstance("Collection", new CollectionCertStoreParameters(content));
	}

	private PKIXRevocationChecker checker(Revocation revocation) throws GeneralSecurityException {
		PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathValidator.getInstance("PKIX")
			.getRevocationChecker();
		Set<PKIXRevocationChecker.Option> options = EnumSet.noneOf(PKIXRevocationChecker.Option.class);
		options.addAll(revocation.options());
		if (this.properties.isSoftFail()) {
			// The JDK goes on past an undetermined status and lists it instead.
			options.add(PKIXRevocationChecker.Option.SOFT_FAIL);
		}
		checker.setOptions(options);
		checker.setOcspResponses(revocation.responses());
		return checker;
	}

	/**
	 * Describe what soft-failed. The JDK's validator works on a clone of the checker; the
	 * clone shares the list of soft-fail exceptions, as the
	 * {@link PKIXRevocationChecker#getSoftFailExceptions()} contract intends.
	 */
	private static List<String> softFailures(Revocation revocation, @Nullable PKIXRevocationChecker checker,
			List<X509Certificate> path) {
		List<String> failures = new ArrayList<>();
		if (revocation.undetermined() != null) {
			failures.add(revocation.undetermined());
		}
		if (checker != null) {
			for (CertPathValidatorException ex : checker.getSoftFailExceptions()) {
				int index = ex.getIndex();
				String subject = (index >= 0 && index < path.size())
						? path.get(index).getSubjectX500Principal().getName() : "a certificate of the chain";
				failures.add("Revocation status of '" + subject + "' cannot be determined (" + ex.getMessage() + ")");
			}
		}
		return failures;
	}

	private static List<X509Certificate> path(List<X509Certificate> chain, Anchors anchors) {
		List<X509Certificate> path = new ArrayList<>();
		for (X509Certificate certificate : chain) {
			if (anchors.certificates().contains(certificate)) {
				break;
			}
			path.add(certificate);
		}
		return path;
	}

	private static X509Certificate issuer(List<X509Certificate> path, Anchors anchors) throws IOException {
		X509Certificate certificate = path.get(0);
		if (path.size() > 1) {
			return path.get(1);
		}
		for (X509Certificate anchor : anchors.certificates()) {
			if (CertificatePathValidation.issuedBy(certificate, anchor)) {
				return anchor;
			}
		}
		throw new IOException("issuer of the certificate is unknown");
	}

	private static Instant earliest(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private void report(String result) {
		if (this.mode == RevocationMode.NONE) {
			return;
		}
		for (RevocationCheckListener listener : this.listeners) {
			try {
				listener.revocationChecked(this.mode, result, this);
			}
			catch (RuntimeException ex) {
				logger.warn("Revocation check listener failed", ex);
			}
		}
	}

	/**
	 * Return the anchors in force now ({@link ClientTrustAnchors}, which every consumer
	 * reads), as this verifier's own value: a verdict holds only under the anchors it was
	 * decided with. {@code null} when no client CA is configured at all.
	 */
	private @Nullable Anchors currentAnchors() {
		if (!this.trust.isConfigured()) {
			return null;
		}
		ClientTrustAnchors.Anchors inForce = this.trust.get();
		Anchors current = this.anchors;
		if (current != null && current.source() == inForce) {
			return current;
		}
		Anchors next = new Anchors(inForce, inForce.anchors(), inForce.certificates());
		this.anchors = next;
		return next;
	}

	@Override
	public void close() {
		this.crls.close();
	}

	private record Anchors(ClientTrustAnchors.@Nullable Anchors source, Set<TrustAnchor> anchors,
			List<X509Certificate> certificates) {
	}

	/**
	 * How the JDK checks the revocation of one path; {@code options} is {@code null} when
	 * it does not (soft-failed before asking it).
	 */
	private record Revocation(CertStore store, @Nullable Set<PKIXRevocationChecker.Option> options,
			Map<X509Certificate, byte[]> responses, Instant ocspExpiresAt, @Nullable String undetermined,
			boolean undeterminedIsCa) {

		static Revocation crls(CertStore store) {
			return new Revocation(store,
					EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK),
					Map.of(), Instant.MAX, null, false);
		}

	}

	/**
	 * What the JDK answered for a chain, and until when and under which anchors and CRLs
	 * it holds; {@code expiresAt} is {@code null} for answers never reused.
	 */
	private record Verdict(String result, @Nullable String rejection, @Nullable Anchors anchors, long generation,
			@Nullable Instant expiresAt) {

		static Verdict good(Anchors anchors, long generation, @Nullable Instant expiresAt) {
			return new Verdict("good", null, anchors, generation, expiresAt);
		}

		static Verdict rejected(String result, String rejection, Anchors anchors, long generation,
				@Nullable Instant expiresAt) {
			return new Verdict(result, rejection, anchors, generation, expiresAt);
		}

		static Verdict undetermined(String rejection) {
			return new Verdict("unknown", rejection, null, 0, null);
		}

		static Verdict softFailed() {
			return new Verdict("unknown", null, null, 0, null);
		}

		boolean holds(Anchors current, long currentGeneration, Instant now) {
			return this.anchors == current && this.generation == currentGeneration && this.expiresAt != null
					&& now.isBefore(this.expiresAt);
		}

	}

}
