package dev.mtls.boot.server;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.mtls.boot.pki.KeyStoreEntries;
import dev.mtls.boot.pki.MtlsMaterialException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.web.server.Ssl.ClientAuth;

/**
 * Checks the bundle the server is about to use, whatever its source: it must hold a
 * current server certificate and, when client certificates are requested, trusted CAs.
 */
final class ServerSslBundleValidator {

	private final Clock clock;

	ServerSslBundleValidator(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Validate a bundle.
	 * @param bundle the bundle
	 * @param keyProperty the property that configured the identity
	 * @param trustProperty the property that configured the trust anchors
	 * @param clientAuth the client authentication mode
	 */
	void validate(SslBundle bundle, String keyProperty, String trustProperty, ClientAuth clientAuth) {
		X509Certificate certificate = serverCertificate(bundle, keyProperty);
		checkValidity(certificate, keyProperty);
		if (clientAuth != ClientAuth.NONE && countCertificates(bundle.getStores().getTrustStore()) == 0) {
			throw noTrust(clientAuth, trustProperty);
		}
	}

	static MtlsMaterialException noTrust(ClientAuth clientAuth, String trustProperty) {
		return new MtlsMaterialException(trustProperty,
				"mtls.server.client-auth is '" + clientAuth.name().toLowerCase(java.util.Locale.ROOT)
						+ "' but no trusted client CA is configured, so no client certificate could be verified",
				"Set " + trustProperty + ".certificate to the PEM certificate(s) of the CA(s) that issue client "
						+ "certificates (or " + trustProperty + ".location for a PKCS12/JKS trust store), "
						+ "or set mtls.server.client-auth=none.");
	}

	private X509Certificate serverCertificate(SslBundle bundle, String keyProperty) {
		KeyStore keyStore = bundle.getStores().getKeyStore();
		if (keyStore == null) {
			throw new MtlsMaterialException(keyProperty, "no server key store is configured",
					"Configure a key store with the server's private key and certificate.");
		}
		try {
			List<X509Certificate> chain = KeyStoreEntries.chain(keyStore,
					KeyStoreEntries.keyAlias(keyStore, bundle.getKey().getAlias()));
			X509Certificate certificate = chain.isEmpty() ? null : chain.get(0);
			if (certificate == null) {
				throw new MtlsMaterialException(keyProperty, "the server key store holds no X.509 key entry",
						"Configure a key store with the server's private key and certificate.");
			}
			return certificate;
		}
		catch (GeneralSecurityException ex) {
			throw new MtlsMaterialException(keyProperty,
					"the server key store cannot be read (" + ex.getMessage() + ")", "Check the key store.", ex);
		}
	}

	private void checkValidity(X509Certificate certificate, String keyProperty) {
		Instant now = this.clock.instant();
		String subject = certificate.getSubjectX500Principal().getName();
		if (now.isAfter(certificate.getNotAfter().toInstant())) {
			throw new MtlsMaterialException(keyProperty,
					"server certificate '" + subject + "' expired on " + certificate.getNotAfter().toInstant(),
					"Renew the server certificate and configure the new one.");
		}
		if (now.isBefore(certificate.getNotBefore().toInstant())) {
			throw new MtlsMaterialException(keyProperty,
					"server certificate '" + subject + "' is not valid before "
							+ certificate.getNotBefore().toInstant(),
					"Check the system clock, or wait until the certificate becomes valid.");
		}
		// Expiring certificates are reported once per threshold crossing by the
		// operations part (mtls.expiry.*), not here on every reload.
	}

	private static int countCertificates(@Nullable KeyStore trustStore) {
		if (trustStore == null) {
			return 0;
		}
		try {
			return trustStore.size();
		}
		catch (GeneralSecurityException ex) {
			return 0;
		}
	}

}
