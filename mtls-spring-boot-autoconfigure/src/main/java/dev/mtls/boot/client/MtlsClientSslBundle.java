package dev.mtls.boot.client;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.mtls.boot.pki.IdentityMaterial;
import dev.mtls.boot.pki.MtlsMaterialException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * The {@link SslBundle} of one outbound client. Every SSL context built from it uses the
 * same {@link ClientKeyManager} and {@link ClientTrustManager}, whose material (one
 * {@link ClientHandshakeMaterial}) is replaced in place by
 * {@link #update(ClientMaterial)}: HTTP clients built once keep working and pick up new
 * material on their next handshake.
 */
final class MtlsClientSslBundle implements SslBundle {

	private final ClientKeyManager keyManager;

	private final ClientTrustManager trustManager;

	private final ClientHandshakeMaterial handshakeMaterial;

	private final Supplier<ClientMaterial> initialMaterial;

	private final SslManagerBundle managers;

	private volatile @Nullable ClientMaterial material;

	MtlsClientSslBundle(ClientKeyManager keyManager, ClientTrustManager trustManager,
			ClientHandshakeMaterial handshakeMaterial, Supplier<ClientMaterial> initialMaterial) {
		this.keyManager = keyManager;
		this.trustManager = trustManager;
		this.handshakeMaterial = handshakeMaterial;
		this.initialMaterial = initialMaterial;
		this.managers = new Managers();
	}

	/**
	 * Load the material if not done yet.
	 * @return the current material
	 * @throws MtlsMaterialException when the material cannot be used
	 */
	ClientMaterial material() {
		ClientMaterial current = this.material;
		if (current == null) {
			synchronized (this) {
				current = this.material;
				if (current == null) {
					current = this.initialMaterial.get();
					update(current);
				}
			}
		}
		return current;
	}

	/**
	 * Replace the material used by every handshake from now on: identity and trust in one
	 * step.
	 * @param material the new material
	 */
	synchronized void update(ClientMaterial material) {
		this.handshakeMaterial.update(identity(material.identity()),
				new ClientTrustManager.Trust(pkix(material), material.trustSource()));
		this.material = material;
	}

	/**
	 * Load the material again from where it was configured and use it for every handshake
	 * from now on. An identity whose certificate is not currently valid is refused: the
	 * material in use stays.
	 * @return the new material
	 * @throws MtlsMaterialException when the material cannot be used
	 */
	synchronized ClientMaterial reload() {
		ClientMaterial loaded = this.initialMaterial.get();
		if (loaded.identity() != null) {
			requireCurrentlyValid(loaded.identity().certificate(), Objects.requireNonNull(loaded.identitySource()));
		}
		update(loaded);
		return loaded;
	}

	private static void requireCurrentlyValid(X509Certificate certificate, String property) {
		Instant now = Instant.now();
		String subject = certificate.getSubjectX500Principal().getName();
		if (now.isAfter(certificate.getNotAfter().toInstant())) {
			throw new MtlsMaterialException(property,
					"client certificate '" + subject + "' expired on " + certificate.getNotAfter().toInstant(),
					"Renew the client certificate and configure the new one.");
		}
		if (now.isBefore(certificate.getNotBefore().toInstant())) {
			throw new MtlsMaterialException(property,
					"client certificate '" + subject + "' is not valid before "
							+ certificate.getNotBefore().toInstant(),
					"Check the system clock, or wait until the certificate becomes valid.");
		}
	}

	@Override
	public SslStoreBundle getStores() {
		ClientMaterial current = material();
		IdentityMaterial identity = current.identity();
		return SslStoreBundle.of((identity != null) ? identity.keyStore() : null,
				(identity != null) ? identity.keyStorePassword() : null,
				(current.trust() != null) ? current.trust().trustStore() : null);
	}

	@Override
	public SslBundleKey getKey() {
		IdentityMaterial identity = material().identity();
		return (identity != null) ? SslBundleKey.of(identity.keyPassword(), identity.alias()) : SslBundleKey.NONE;
	}

	@Override
	public SslOptions getOptions() {
		return SslOptions.NONE;
	}

	@Override
	public String getProtocol() {
		return SslBundle.DEFAULT_PROTOCOL;
	}

	@Override
	public SslManagerBundle getManagers() {
		material();
		return this.managers;
	}

	ClientKeyManager keyManager() {
		return this.keyManager;
	}

	private static ClientKeyManager.@Nullable Identity identity(@Nullable IdentityMaterial identity) {
		if (identity == null) {
			return null;
		}
		try {
			String password = identity.keyPassword();
			PrivateKey key = (PrivateKey) identity.keyStore()
				.getKey(identity.alias(), (password != null) ? password.toCharArray() : new char[0]);
			return new ClientKeyManager.Identity(identity.alias(), key,
					identity.chain().toArray(new X509Certificate[0]));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to read private key '" + identity.alias() + "'", ex);
		}
	}

	private static X509ExtendedTrustManager pkix(ClientMaterial material) {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
			factory.init((material.trust() != null) ? material.trust().trustStore() : (KeyStore) null);
			for (TrustManager manager : factory.getTrustManagers()) {
				if (manager instanceof X509ExtendedTrustManager x509) {
					return x509;
				}
			}
			throw new IllegalStateException("The JDK's PKIX TrustManagerFactory provides no X509ExtendedTrustManager");
		}
		catch (GeneralSecurityException ex) {
			throw new MtlsMaterialException(material.trustSource(),
					"trusted certificates cannot be used (" + ex.getMessage() + ")", "Check the trust store.", ex);
		}
	}

	private final class Managers implements SslManagerBundle {

		private final KeyManagerFactory keyManagerFactory = new FixedKeyManagerFactory(
				MtlsClientSslBundle.this.keyManager);

		private final TrustManagerFactory trustManagerFactory = new FixedTrustManagerFactory(
				MtlsClientSslBundle.this.trustManager);

		@Override
		public KeyManagerFactory getKeyManagerFactory() {
			return this.keyManagerFactory;
		}

		@Override
		public TrustManagerFactory getTrustManagerFactory() {
			return this.trustManagerFactory;
		}

	}

	boolean verifiesServerCertificates() {
		return this.trustManager.verifiesServerCertificates();
	}

}
