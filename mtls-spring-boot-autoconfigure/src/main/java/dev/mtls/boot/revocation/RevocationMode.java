package dev.mtls.boot.revocation;

/**
 * How the revocation status of client certificates is checked.
 */
public enum RevocationMode {

	/**
	 * No revocation check.
	 */
	NONE,

	/**
	 * Certificate revocation lists from 'mtls.revocation.crl' (and, when enabled, the
	 * certificates' CRL distribution points).
	 */
	CRL,

	/**
	 * OCSP, from the certificate's authority information access or
	 * 'mtls.revocation.ocsp-responder'.
	 */
	OCSP,

	/**
	 * OCSP, and CRLs when no OCSP answer can be had.
	 */
	OCSP_THEN_CRL

}
