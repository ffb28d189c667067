package dev.mtls.boot.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Loads a JKS or PKCS12 file, detecting its type from the content when none is
 * configured, and turns the JDK's terse failures into actionable ones.
 */
final class KeyStoreFile {

	private static final int JKS_MAGIC = 0xFEEDFEED;

	private KeyStoreFile() {
	}

	static KeyStore load(MaterialResource resource, @Nullable String type, @Nullable String password,
			String passwordProperty, String typeProperty) {
		byte[] content = resource.read();
		String storeType = (type != null && !type.isBlank()) ? type.trim() : detectType(content);
		KeyStore keyStore;
		try {
			keyStore = KeyStore.getInstance(storeType);
		}
		catch (GeneralSecurityException ex) {
			throw new MtlsMaterialException(typeProperty, "key store type '" + storeType + "' is not supported",
					"Set " + typeProperty + " to PKCS12 or JKS, or remove it to detect the type from the file.", ex);
		}
		try {
			keyStore.load(new ByteArrayInputStream(content), (password != null) ? password.toCharArray() : null);
			return keyStore;
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof UnrecoverableKeyException || isPasswordFailure(ex)) {
				throw new MtlsMaterialException(passwordProperty,
						"password does not open '" + resource.location() + "'",
						"Set " + passwordProperty + " to the password the store was created with.", ex);
			}
			throw new MtlsMaterialException(resource.property(),
					"'" + resource.location() + "' is not a readable " + storeType + " store (" + ex.getMessage() + ")",
					"Check that the file is a " + storeType + " key store, or set " + typeProperty
							+ " to its real type (PKCS12 or JKS).",
					ex);
		}
		catch (GeneralSecurityException ex) {
			throw new MtlsMaterialException(resource.property(),
					"'" + resource.location() + "' cannot be loaded (" + ex.getMessage() + ")",
					"Check that the file is an intact PKCS12 or JKS key store.", ex);
		}
	}

	private static boolean isPasswordFailure(IOException ex) {
		String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
		return message.contains("password") || message.contains("integrity") || message.contains("mac");
	}

	private static String detectType(byte[] content) {
		if (content.length >= 4) {
			int magic = ((content[0] & 0xFF) << 24) | ((content[1] & 0xFF) << 16) | ((content[2] & 0xFF) << 8)
					| (content[3] & 0xFF);
			if (magic == JKS_MAGIC) {
				return "JKS";
			}
		}
		return "PKCS12";
	}

}
