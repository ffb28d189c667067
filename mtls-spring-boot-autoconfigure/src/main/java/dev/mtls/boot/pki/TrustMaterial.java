package dev.mtls.boot.pki;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Loaded trust anchors: a trust store and the certificates it holds.
 *
 * @param trustStore the trust store
 * @param certificates the trusted certificates, never empty
 */
public record TrustMaterial(KeyStore trustStore, List<X509Certificate> certificates) {

}
