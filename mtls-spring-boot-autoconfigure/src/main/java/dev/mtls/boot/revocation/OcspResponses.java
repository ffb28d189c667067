package dev.mtls.boot.revocation;

import java.io.IOException;
import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * certificate ID).
 */
class OcspResponses {

	private final @Nullable URI responderOverride;

	private final Duration cacheTtl;

	private final RevocationFetcher fetcher;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	OcspResponses(MtlsRevocationProperties properties, RevocationFetcher fetcher, Clock clock) {
		this.responderOverride = properties.getOcspResponder();
		this.cacheTtl = properties.getOcspCacheTtl();
		this.fetcher = fetcher;
		this.clock = clock;
	}

	/**
	 * Return the DER-encoded OCSP response for a certificate.
	 * @throws IOException when no responder is known or it cannot be reached or answers
	 * an error
	 */
	byte[] get(X509Certificate certificate, X509Certificate issuer) throws IOException {
		String key = issuer.getSubjectX500Principal().getName() + "#" + certificate.getSerialNumber();
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(key);
		if (cached != null && now.isBefore(cached.expiresAt())) {
			return cached.response();
		}
		URI responder = (this.responderOverride != null) ? this.responderOverride : responder(certificate);
		if (responder == null) {
			throw new IOException(
					"no OCSP responder: the certificate names none and mtls.revocation.ocsp-responder " + "is not set");
		}
		byte[] response = this.fetcher.postOcsp(responder, request(certificate, issuer));
		Instant expiresAt = now.plus(this.cacheTtl);
		Instant nextUpdate = nextUpdate(response);
		if (nextUpdate != null && nextUpdate.isBefore(expiresAt)) {
			expiresAt = nextUpdate;
		}
		this.cache.put(key, new Cached(response, expiresAt));
		return response;
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

	private record Cached(byte[] response, Instant expiresAt) {
	}

}
