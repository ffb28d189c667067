package dev.mtls.boot.revocation;

import dev.mtls.boot.pki.MtlsMaterialException;

import org.jspecify.annotations.Nullable;

/**
 * Refuses {@code mtls.revocation.*} settings that would read as a check but not do one: a
 * named revocation source with revocation turned off, CRL checking without any CRL,
 * revocation without trust anchors. Reported by the starter's failure analyzer with the
 * property at fault.
 */
final class RevocationConfiguration {

	private RevocationConfiguration() {
	}

	/**
	 * Check the properties on their own.
	 * @throws MtlsMaterialException naming the property at fault
	 */
	static void check(MtlsRevocationProperties properties) {
		RevocationMode mode = properties.effectiveMode();
		if (properties.getMode() == RevocationMode.NONE) {
			String source = namedSource(properties);
			if (source != null) {
				throw new MtlsMaterialException("mtls.revocation.mode",
						"'none' turns revocation checking off, but " + source
								+ " names a revocation source: it would be silently ignored",
						"Remove mtls.revocation.mode (the configured sources then choose the mode) or set it to "
								+ "'crl', 'ocsp' or 'ocsp-then-crl'; or remove " + source + ".");
			}
		}
		if ((mode == RevocationMode.CRL || mode == RevocationMode.OCSP_THEN_CRL) && !properties.hasCrlSource()) {
			throw new MtlsMaterialException("mtls.revocation.crl",
					"mtls.revocation.mode=" + modeName(mode)
							+ " checks CRLs, but no CRL is configured and mtls.revocation.use-crl-distribution-points "
							+ "is false: the status of every client certificate would be undetermined",
					"Set mtls.revocation.crl to the CRLs of the CAs that issue client certificates (and of their "
							+ "parent CAs), or set mtls.revocation.use-crl-distribution-points=true"
							+ ((mode == RevocationMode.OCSP_THEN_CRL) ? ", or use mtls.revocation.mode=ocsp." : "."));
		}
		if (properties.isCheckOutbound() && mode == RevocationMode.NONE) {
			throw new MtlsMaterialException("mtls.revocation.check-outbound",
					"outbound revocation checking is on, but no revocation mode or source is configured, so no "
							+ "server certificate would be checked",
					"Configure mtls.revocation.crl or mtls.revocation.ocsp-responder (or mtls.revocation.mode), "
							+ "or remove mtls.revocation.check-outbound.");
		}
	}

	/**
	 * Check that revocation has trust anchors to validate against.
	 * @throws MtlsMaterialException naming the property at fault
	 */
	static void checkAnchors(MtlsRevocationProperties properties, boolean hasAnchors) {
		RevocationMode mode = properties.effectiveMode();
		if (mode != RevocationMode.NONE && !hasAnchors) {
			throw new MtlsMaterialException("mtls.server.truststore",
					"revocation checking (mtls.revocation.mode=" + modeName(mode)
							+ ") validates client chains against the server's trusted CAs, but none is configured: "
							+ "no certificate could ever be checked",
					"Set mtls.server.truststore (or a trust store in the server's SSL bundle) to the CAs that issue "
							+ "client certificates.");
		}
	}

	private static @Nullable String namedSource(MtlsRevocationProperties properties) {
		if (properties.getCrl().stream().anyMatch((location) -> !location.isBlank())) {
			return "mtls.revocation.crl";
		}
		if (properties.isUseCrlDistributionPoints()) {
			return "mtls.revocation.use-crl-distribution-points";
		}
		if (properties.getOcspResponder() != null) {
			return "mtls.revocation.ocsp-responder";
		}
		if (!properties.getCrlSigners().isEmpty()) {
			return "mtls.revocation.crl-signers";
		}
		if (properties.isCheckOutbound()) {
			return "mtls.revocation.check-outbound";
		}
		return null;
	}

	static String modeName(RevocationMode mode) {
		return mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
