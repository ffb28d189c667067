package dev.mtls.boot.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

import org.jspecify.annotations.Nullable;

/**
 * Tells whether a private key belongs to a public key by signing a probe with one and
 * verifying it with the other, using the JDK's providers.
 */
final class KeyPairMatch {

	private static final byte[] PROBE = "mtls-spring-boot key pair probe".getBytes(StandardCharsets.US_ASCII);

	private KeyPairMatch() {
	}

	static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
		String algorithm = signatureAlgorithm(privateKey.getAlgorithm());
		if (algorithm == null || !privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
			// Unknown key types are left to the TLS stack; mismatched types never match.
			return algorithm == null;
		}
		try {
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(privateKey);
			signer.update(PROBE);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(publicKey);
			verifier.update(PROBE);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static @Nullable String signatureAlgorithm(String keyAlgorithm) {
		return switch (keyAlgorithm) {
			case "RSA" -> "SHA256withRSA";
			case "EC" -> "SHA256withECDSA";
			case "Ed25519", "Ed448", "EdDSA" -> keyAlgorithm;
			default -> null;
		};
	}

}
