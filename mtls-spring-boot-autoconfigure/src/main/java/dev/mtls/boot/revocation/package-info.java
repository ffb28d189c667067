/**
 * Revocation (CRL and OCSP, built on the JDK's PKIX revocation checker and Bouncy Castle)
 * and per-request re-validation of client chains, so that TLS session resumption cannot
 * outlive a revocation or a trust change.
 */
@NullMarked
package dev.mtls.boot.revocation;

import org.jspecify.annotations.NullMarked;
