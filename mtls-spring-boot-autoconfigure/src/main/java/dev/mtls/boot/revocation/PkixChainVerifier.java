package dev.mtls.boot.revocation;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.mtls.boot.auth.CertificateChainVerifier;
import dev.mtls.boot.auth.CertificateRejectedException;
import dev.mtls.boot.pki.CertificatePathValidation;
import dev.mtls.boot.pki.ClientTrustAnchors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Validates every request's client chain again with the JDK's PKIX validator, against the
 * trust anchors in force now and with the configured revocation check. Tomcat validates a
 * certificate once per TLS session; a resumed session (TLS 1.3 ticket or PSK) carries the
 * identity without a new handshake, so without this a revoked certificate or a removed
 * trust anchor would keep working until the session ends.
 */
public class PkixChainVerifier implements CertificateChainVerifier {

	private static final Log logger = LogFactory.getLog(PkixChainVerifier.class);

	private final ClientTrustAnchors trust;

	private final MtlsRevocationProperties properties;

	private final CrlSource crls;

	private final OcspResponses ocsp;

	private final List<RevocationCheckListener> listeners;

	PkixChainVerifier(ClientTrustAnchors trust, MtlsRevocationProperties properties, CrlSource crls, OcspResponses ocsp,
			List<RevocationCheckListener> listeners) {
		this.trust = trust;
		this.properties = properties;
		this.crls = crls;
		this.ocsp = ocsp;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Return the revocation mode in force.
	 */
	public RevocationMode getMode() {
		return this.properties.getMode();
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
	public java.time.@Nullable Instant getCrlNextUpdate() {
		return this.crls.earliestNextUpdate();
	}

	@Override
	public void verify(List<X509Certificate> chain) {
		if (!this.trust.isConfigured()) {
			return;
		}
		Set<TrustAnchor> trustAnchors = this.trust.get().anchors();
		if (trustAnchors.isEmpty()) {
			throw new CertificateRejectedException(
					"no client CA is trusted (" + this.trust.getSource() + " holds no certificate)");
		}
		verify(chain, trustAnchors);
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
		verify(chain.subList(0, 1), Set.of(new TrustAnchor(chain.get(1), null)));
	}

	private void verify(List<X509Certificate> chain, Set<TrustAnchor> trustAnchors) {
		RevocationMode mode = this.properties.getMode();
		try {
			validate(chain, trustAnchors, mode);
			report(mode, "good");
		}
		catch (CertPathValidatorException ex) {
			if (ex.getReason() == BasicReason.REVOKED) {
				report(mode, "revoked");
				throw new CertificateRejectedException("certificate is revoked");
			}
			if (ex.getReason() == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
				report(mode, "unknown");
				undetermined(chain, trustAnchors, ex.getMessage());
				return;
			}
			report(mode, "untrusted");
			throw new CertificateRejectedException("certificate is no longer trusted ("
					+ ((ex.getReason() != null) ? ex.getReason().toString().toLowerCase(Locale.ROOT) : "invalid path")
					+ ")");
		}
		catch (IOException ex) {
			report(mode, "unknown");
			undetermined(chain, trustAnchors, ex.getMessage());
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			report(mode, "untrusted");
			throw new CertificateRejectedException("certificate chain cannot be validated");
		}
	}

	private void report(RevocationMode mode, String result) {
		if (mode == RevocationMode.NONE) {
			return;
		}
		for (RevocationCheckListener listener : this.listeners) {
			try {
				listener.revocationChecked(mode, result, this);
			}
			catch (RuntimeException ex) {
				logger.warn("Revocation check listener failed", ex);
			}
		}
	}

	private void validate(List<X509Certificate> chain, Set<TrustAnchor> trustAnchors, RevocationMode mode)
			throws GeneralSecurityException, IOException {
		if (mode == RevocationMode.NONE) {
			CertificatePathValidation.validate(chain, trustAnchors, (parameters) -> {
			});
			return;
		}
		if (mode == RevocationMode.CRL) {
			validateWithCrls(chain, trustAnchors);
			return;
		}
		byte[] response;
		try {
			response = this.ocsp.get(chain.get(0), issuer(chain, trustAnchors));
		}
		catch (IOException ex) {
			if (mode == RevocationMode.OCSP_THEN_CRL) {
				logger.debug("OCSP unavailable (" + ex.getMessage() + "), checking CRLs");
				validateWithCrls(chain, trustAnchors);
				return;
			}
			throw ex;
		}
		X509Certificate leaf = chain.get(0);
		CertificatePathValidation.validate(chain, trustAnchors, (parameters) -> {
			PKIXRevocationChecker checker = revocationChecker(EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK));
			checker.setOcspResponses(Map.of(leaf, response));
			if (this.properties.getOcspResponder() != null) {
				checker.setOcspResponder(this.properties.getOcspResponder());
			}
			enable(parameters, checker);
		});
	}

	private void validateWithCrls(List<X509Certificate> chain, Set<TrustAnchor> trustAnchors)
			throws GeneralSecurityException {
		List<X509CRL> current = this.crls.crlsFor(chain);
		CertificatePathValidation.validate(chain, trustAnchors, (parameters) -> {
			parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(current)));
			enable(parameters, revocationChecker(
					EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK)));
		});
	}

	private static PKIXRevocationChecker revocationChecker(Set<PKIXRevocationChecker.Option> options)
			throws GeneralSecurityException {
		PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathValidator.getInstance("PKIX")
			.getRevocationChecker();
		Set<PKIXRevocationChecker.Option> all = EnumSet.copyOf(options);
		all.add(PKIXRevocationChecker.Option.ONLY_END_ENTITY);
		checker.setOptions(all);
		return checker;
	}

	private static void enable(PKIXParameters parameters, PKIXRevocationChecker checker) {
		parameters.setRevocationEnabled(true);
		parameters.addCertPathChecker(checker);
	}

	private void undetermined(List<X509Certificate> chain, Set<TrustAnchor> trustAnchors, @Nullable String why) {
		if (!this.properties.isSoftFail()) {
			throw new CertificateRejectedException("revocation status cannot be determined");
		}
		logger.warn("Revocation status of '" + chain.get(0).getSubjectX500Principal().getName()
				+ "' cannot be determined (" + why + "); accepted because mtls.revocation.soft-fail=true");
		try {
			CertificatePathValidation.validate(chain, trustAnchors, (parameters) -> {
			});
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new CertificateRejectedException("certificate is no longer trusted");
		}
	}

	private static X509Certificate issuer(List<X509Certificate> chain, Set<TrustAnchor> trustAnchors)
			throws IOException {
		X509Certificate leaf = chain.get(0);
		if (chain.size() > 1) {
			return chain.get(1);
		}
		for (TrustAnchor anchor : trustAnchors) {
			if (anchor.getTrustedCert().getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
				return anchor.getTrustedCert();
			}
		}
		throw new IOException("issuer of the certificate is unknown");
	}

}
