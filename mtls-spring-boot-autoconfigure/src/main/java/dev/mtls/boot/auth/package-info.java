/**
 * X.509 client certificate authentication and authorization on Spring Security: the
 * certificate becomes a {@link dev.mtls.boot.auth.CertificatePrincipal} with roles,
 * controllers demand certificates with {@link dev.mtls.boot.auth.RequireCertificate}.
 */
@NullMarked
package dev.mtls.boot.auth;

import org.jspecify.annotations.NullMarked;
