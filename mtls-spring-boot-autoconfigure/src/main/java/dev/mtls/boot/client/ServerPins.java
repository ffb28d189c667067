package dev.mtls.boot.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.mtls.boot.pki.MtlsMaterialException;

/**
 * SHA-256 pins of SubjectPublicKeyInfo structures in the {@code sha256/<base64>} form
 * (the pin-sha256 value of RFC 7469 section 2.4, as curl and OkHttp write it).
 */
final class ServerPins {

	static final String PREFIX = "sha256/";

	private static final ServerPins NONE = new ServerPins(Set.of());

	private final Set<String> pins;

	private ServerPins(Set<String> pins) {
		this.pins = pins;
	}

	/**
	 * Parse configured pins.
	 * @param property the property they were configured with
	 * @param values the values, may be {@code null} or empty for no pinning
	 * @return the pins
	 * @throws MtlsMaterialException when a value is not a SHA-256 pin
	 */
	static ServerPins parse(String property, List<String> values) {
		if (values == null || values.isEmpty()) {
			return NONE;
		}
		Set<String> pins = new LinkedHashSet<>();
		for (int i = 0; i < values.size(); i++) {
			String value = (values.get(i) != null) ? values.get(i).trim() : "";
			if (!value.startsWith(PREFIX) || !isSha256(value.substring(PREFIX.length()))) {
				throw new MtlsMaterialException(property + "[" + i + "]",
						"'" + value + "' is not a SHA-256 public key pin",
						"Write pins as 'sha256/' followed by the Base64 SHA-256 of the certificate's public key, e.g. "
								+ "from: openssl x509 -in server.crt -pubkey -noout | openssl pkey -pubin -outform der "
								+ "| openssl dgst -sha256 -binary | base64");
			}
			pins.add(value);
		}
		return new ServerPins(Set.copyOf(pins));
	}

	boolean isEmpty() {
		return this.pins.isEmpty();
	}

	boolean matchesAny(List<String> actual) {
		return actual.stream().anyMatch(this.pins::contains);
	}

	List<String> values() {
		return List.copyOf(new ArrayList<>(this.pins));
	}

	/**
	 * Return the pin of a certificate's public key.
	 * @param certificate the certificate
	 * @return {@code sha256/<base64>}
	 */
	static String of(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
			return PREFIX + Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isSha256(String base64) {
		try {
			return Base64.getDecoder().decode(base64).length == 32;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
