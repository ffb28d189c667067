package dev.mtls.boot.bench;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;

/**
 * Real client chains issued with {@link CertificateBuilder}, shared by the benchmarks.
 */
public final class Chains {

	private Chains() {
	}

	/**
	 * A client chain: leaf, then (for length 3) an intermediate, then the self-signed
	 * root.
	 * @param keyType {@code EC} (P-256) or {@code RSA} (2048 bits), for every certificate
	 * @param length 2 (leaf + root) or 3 (leaf + intermediate + root)
	 */
	public static Chain issue(String keyType, int length) {
		IssuedCertificate root = key(CertificateBuilder.ca("CN=Bench Root CA,O=mtls-bench"), keyType).issue();
		IssuedCertificate issuer = root;
		if (length == 3) {
			issuer = key(CertificateBuilder.ca("CN=Bench Intermediate CA,O=mtls-bench"), keyType).issuedBy(root)
				.issue();
		}
		else if (length != 2) {
			throw new IllegalArgumentException("length must be 2 or 3");
		}
		IssuedCertificate leaf = key(CertificateBuilder.endEntity("CN=alice,OU=payments,O=mtls-bench"), keyType)
			.clientAuth()
			.uris("spiffe://bench.example/ns/default/sa/alice")
			.issuedBy(issuer)
			.issue();
		return new Chain(root, issuer, leaf);
	}

	private static CertificateBuilder key(CertificateBuilder builder, String keyType) {
		return switch (keyType) {
			case "EC" -> builder.ec(256);
			case "RSA" -> builder.rsa(2048);
			default -> throw new IllegalArgumentException(keyType);
		};
	}

	/**
	 * @param root the trust anchor
	 * @param issuer the issuer of the leaf (the root for chains of length 2)
	 * @param leaf the client certificate, whose chain runs up to the root
	 */
	public record Chain(IssuedCertificate root, IssuedCertificate issuer, IssuedCertificate leaf) {

		public List<X509Certificate> certificates() {
			return this.leaf.chain();
		}

		public KeyStore trustStore() {
			try {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, null);
				store.setCertificateEntry("root", this.root.certificate());
				return store;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
