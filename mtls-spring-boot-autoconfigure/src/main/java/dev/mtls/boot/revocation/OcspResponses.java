package dev.mtls.boot.revocation;

import java.io.IOException;
import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Fetches OCSP responses (requests built with Bouncy Castle) and keeps them until the
 * cache TTL or their nextUpdate passes. The responses are only transported and cached
 * here: the JDK's PKIX revocation checker verifies them (signature, responder, freshness,
 * certificate ID). Concurrent misses for one certificate share one request; the cache
 * holds at most {@value #MAX_ENTRIES} responses, dropping expired ones first.
 */
class OcspResponses {

	static final int MAX_ENTRIES = 10_000;

	private final @Nullable URI responderOverride;

	private final Duration cacheTtl;

	private final RevocationFetcher fetcher;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<Cached>> inFlight = new ConcurrentHashMap<>();

	OcspResponses(MtlsRevocationProperties properties, RevocationFetcher fetcher, Clock clock) {
		this.responderOverride = properties.getOcspResponder();
		this.cacheTtl = properties.getOcspCacheTtl();
		this.fetcher = fetcher;
		this.clock = clock;
	}

	/**
	 * Return the DER-encoded OCSP response for a certificate, with when it stops being
	 * reused.
	 * @throws IOException when no responder is known or it cannot be reached or answers
	 * an error
	 */
	Cached get(X509Certificate certificate, X509Certificate issuer) throws IOException {
		String key = issuer.getSubjectX500Principal().getName() + "#" + certificate.getSerialNumber();
		Cached cached = this.cache.get(key);
		if (cached != null && this.clock.instant().isBefore(cached.expiresAt())) {
			return cached;
		}
		CompletableFuture<Cached> mine = new CompletableFuture<>();
		CompletableFuture<Cached> shared = this.inFlight.putIfAbsent(key, mine);
		if (shared != null) {
			return join(shared);
		}
		try {
			Cached fetched = fetch(certificate, issuer);
			put(key, fetched);
			mine.complete(fetched);
			return fetched;
		}
		catch (IOException | RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.inFlight.remove(key, mine);
		}
	}

	private Cached fetch(X509Certificate certificate, X509Certificate issuer) throws IOException {
		URI responder = (this.responderOverride != null) ? this.responderOverride : responder(certificate);
		if (responder == null) {
			throw new IOException(
					"no OCSP responder: the certificate names none and mtls.revocation.ocsp-responder is not set");
		}
		Instant now = this.clock.instant();
		byte[] response = this.fetcher.postOcsp(responder, request(certificate, issuer));
		Instant expiresAt = now.plus(this.cacheTtl);
		Instant nextUpdate = nextUpdate(response);
		if (nextUpdate != null && nextUpdate.isBefore(expiresAt)) {
			expiresAt = nextUpdate;
		}
		return new Cached(response, expiresAt);
	}

	private void put(String key, Cached response) {
		if (this.cache.size() >= MAX_ENTRIES) {
			Instant now = this.clock.instant();
			this.cache.values().removeIf((entry) -> !now.isBefore(entry.expiresAt()));
			if (this.cache.size() >= MAX_ENTRIES) {
				this.cache.entrySet()
					.stream()
					.min(Comparator.comparing((Map.Entry<String, Cached> entry) -> entry.getValue().expiresAt()))
					.ifPresent((oldest) -> this.cache.remove(oldest.getKey(), oldest.getValue()));
			}
		}
		this.cache.put(key, response);
	}

	private static Cached join(CompletableFuture<Cached> shared) throws IOException {
		try {
			return shared.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting for an OCSP response", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IOException("OCSP request failed: " + ex.getCause(), ex.getCause());
		}
	}

	int size() {
		return this.cache.size();
	}

	private static byte[] request(X509Certificate certificate, X509Certificate issuer) throws IOException {
		try {
			CertificateID id = new CertificateID(
					new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
					new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
			return new OCSPReqBuilder().addRequest(id).build().getEncoded();
		}
		catch (OperatorCreationException | OCSPException | CertificateEncodingException ex) {
			throw new IOException("Unable to build OCSP request: " + ex.getMessage(), ex);
		}
	}

	private static @Nullable Instant nextUpdate(byte[] response) {
		try {
			OCSPResp ocsp = new OCSPResp(response);
			if (ocsp.getStatus() != OCSPResp.SUCCESSFUL || !(ocsp.getResponseObject() instanceof BasicOCSPResp basic)) {
				throw new IOException("OCSP responder answered status " + ocsp.getStatus());
			}
			Date next = null;
			for (SingleResp single : basic.getResponses()) {
				if (single.getNextUpdate() != null) {
					next = single.getNextUpdate();
				}
			}
			return (next != null) ? next.toInstant() : null;
		}
		catch (IOException | OCSPException | RuntimeException ex) {
			// Unparseable or unsuccessful: cache it briefly anyway, the JDK reports why.
			return Instant.EPOCH;
		}
	}

	static @Nullable URI responder(X509Certificate certificate) {
		byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
		if (extension == null) {
			return null;
		}
		try {
			AuthorityInformationAccess access = AuthorityInformationAccess
				.getInstance(ASN1OctetString.getInstance(extension).getOctets());
			for (AccessDescription description : access.getAccessDescriptions()) {
				if (AccessDescription.id_ad_ocsp.equals(description.getAccessMethod())
						&& description.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
					return URI.create(description.getAccessLocation().getName().toString());
				}
			}
		}
		catch (RuntimeException ex) {
			return null;
		}
		return null;
	}

	/**
	 * An OCSP response and when it stops being reused.
	 *
	 * @param response the DER-encoded response
	 * @param expiresAt end of reuse
	 */
	record Cached(byte[] response, Instant expiresAt) {
	}

}
