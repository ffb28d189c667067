package dev.mtls.boot.auth;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.mtls.boot.pki.CertificateFingerprint;
import dev.mtls.boot.pki.CertificatePathValidation;
import dev.mtls.boot.pki.MtlsMaterialException;

/**
 * End-entity rules applied to every client certificate, whichever way it arrived (TLS
 * handshake or forwarded by a proxy), on top of the PKIX validation the TLS stack did:
 * client authentication key usage, no CA certificate, key sizes, signature digests, chain
 * length, the global fingerprint allow-list and the SPIFFE trust domain allow-list.
 */
public class ClientCertificatePolicy {

	static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

	private static final String EXTENDED_KEY_USAGE = "2.5.29.37";

	private static final int DIGITAL_SIGNATURE = 0;

	private final boolean requireClientAuthEku;

	private final int minRsaKeySize;

	private final int minEcKeySize;

	private final List<String> forbiddenDigests;

	private final int maxChainLength;

	private final Set<String> allowedFingerprints;

	private final Set<String> spiffeTrustDomains;

	public ClientCertificatePolicy(MtlsAuthProperties properties) {
		AuthPropertiesAudit.check(properties);
		this.requireClientAuthEku = properties.isRequireClientAuthEku();
		this.minRsaKeySize = properties.getMinRsaKeySize();
		this.minEcKeySize = properties.getMinEcKeySize();
		this.forbiddenDigests = properties.getForbiddenSignatureDigests()
			.stream()
			.map((digest) -> digest.replace("-", "").toUpperCase(Locale.ROOT))
			.toList();
		this.maxChainLength = properties.getMaxChainLength();
		this.allowedFingerprints = properties.getAllowedFingerprints()
			.stream()
			.map(CertificateFingerprint::normalize)
			.collect(Collectors.toUnmodifiableSet());
		this.spiffeTrustDomains = spiffeTrustDomains(properties);
	}

	private static Set<String> spiffeTrustDomains(MtlsAuthProperties properties) {
		Set<String> domains = properties.getSpiffeTrustDomains()
			.stream()
			.map(String::trim)
			.collect(Collectors.toUnmodifiableSet());
		if (domains.isEmpty()) {
			return domains;
		}
		if (!"spiffe-id".equals(properties.getPrincipal().trim())) {
			throw new MtlsMaterialException("mtls.auth.spiffe-trust-domains",
					"SPIFFE trust domains are configured but mtls.auth.principal is '" + properties.getPrincipal()
							+ "', so no SPIFFE ID would be checked against them",
					"Set mtls.auth.principal=spiffe-id, or remove mtls.auth.spiffe-trust-domains.");
		}
		List<String> invalid = domains.stream().filter((domain) -> !SpiffeId.isTrustDomain(domain)).sorted().toList();
		if (!invalid.isEmpty()) {
			throw new MtlsMaterialException("mtls.auth.spiffe-trust-domains", "invalid trust domain(s) " + invalid,
					"Use trust domain names only, in lower case and without 'spiffe://' or a path, e.g. "
							+ "prod.example.org.");
		}
		return domains;
	}

	/**
	 * Check a client chain.
	 * @param chain the chain, leaf first
	 * @throws CertificateRejectedException with the reason when a rule is broken
	 */
	public void check(List<X509Certificate> chain) {
		if (chain.isEmpty()) {
			throw new CertificateRejectedException("no client certificate");
		}
		if (chain.size() > this.maxChainLength) {
			throw new CertificateRejectedException("certificate chain has " + chain.size()
					+ " certificates, more than mtls.auth.max-chain-length=" + this.maxChainLength);
		}
		X509Certificate leaf = chain.get(0);
		if (leaf.getBasicConstraints() != -1) {
			throw new CertificateRejectedException("a CA certificate cannot be a client identity");
		}
		boolean[] keyUsage = leaf.getKeyUsage();
		if (keyUsage != null && (keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE])) {
			throw new CertificateRejectedException("key usage does not allow digitalSignature");
		}
		if (this.requireClientAuthEku) {
			checkExtendedKeyUsage(leaf);
		}
		for (X509Certificate certificate : chain) {
			checkKeySize(certificate);
			if (!CertificatePathValidation.issuedBy(certificate, certificate)) {
				checkSignatureAlgorithm(certificate);
			}
		}
		if (!this.allowedFingerprints.isEmpty()
				&& !this.allowedFingerprints.contains(CertificateFingerprint.sha256(leaf))) {
			throw new CertificateRejectedException("certificate is not in mtls.auth.allowed-fingerprints");
		}
		if (!this.spiffeTrustDomains.isEmpty()) {
			checkSpiffeTrustDomain(leaf);
		}
	}

	private void checkSpiffeTrustDomain(X509Certificate leaf) {
		List<String> uris = SubjectAlternativeNames.of(leaf).uris();
		if (uris.size() != 1 || SpiffeId.problem(uris.get(0)) != null) {
			throw new CertificateRejectedException("certificate has no valid SPIFFE ID");
		}
		if (!this.spiffeTrustDomains.contains(SpiffeId.trustDomain(uris.get(0)))) {
			throw new CertificateRejectedException("SPIFFE trust domain '" + SpiffeId.trustDomain(uris.get(0))
					+ "' is not in mtls.auth.spiffe-trust-domains");
		}
	}

	private void checkExtendedKeyUsage(X509Certificate leaf) {
		List<String> extendedKeyUsage;
		try {
			extendedKeyUsage = leaf.getExtendedKeyUsage();
		}
		catch (CertificateParsingException ex) {
			throw new CertificateRejectedException("extended key usage cannot be parsed");
		}
		if (extendedKeyUsage == null && leaf.getExtensionValue(EXTENDED_KEY_USAGE) != null) {
			// The JDK reports a malformed, non-critical extension as absent, which would
			// read as "any purpose".
			throw new CertificateRejectedException("extended key usage cannot be parsed");
		}
		if (extendedKeyUsage != null && !extendedKeyUsage.contains(CLIENT_AUTH)
				&& !extendedKeyUsage.contains(ANY_EXTENDED_KEY_USAGE)) {
			throw new CertificateRejectedException("extended key usage does not include clientAuth");
		}
	}

	private void checkKeySize(X509Certificate certificate) {
		PublicKey key = certificate.getPublicKey();
		if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < this.minRsaKeySize) {
			throw new CertificateRejectedException("RSA key of " + rsa.getModulus().bitLength()
					+ " bits is shorter than mtls.auth.min-rsa-key-size=" + this.minRsaKeySize);
		}
		if (key instanceof ECPublicKey ec && ec.getParams().getOrder().bitLength() < this.minEcKeySize) {
			throw new CertificateRejectedException("EC key of " + ec.getParams().getOrder().bitLength()
					+ " bits is shorter than mtls.auth.min-ec-key-size=" + this.minEcKeySize);
		}
	}

	private void checkSignatureAlgorithm(X509Certificate certificate) {
		String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT).replace("-", "");
		for (String digest : this.forbiddenDigests) {
			if (algorithm.startsWith(digest + "WITH")) {
				throw new CertificateRejectedException(
						"certificate '" + certificate.getSubjectX500Principal().getName() + "' is signed with "
								+ certificate.getSigAlgName() + ", refused by mtls.auth.forbidden-signature-digests");
			}
		}
	}

}
