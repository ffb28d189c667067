package dev.mtls.boot.pki;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Loaded trust anchors: a trust store and the certificates it holds.
 *
 * @param trustStore the trust store (with only a placeholder anchor that no certificate
 * chains to when {@code certificates} is empty)
 * @param certificates the trusted certificates; empty only when a trust directory emptied
 * since startup ({@link TrustMaterialLoader#reload})
 */
public record TrustMaterial(KeyStore trustStore, List<X509Certificate> certificates) {

}
