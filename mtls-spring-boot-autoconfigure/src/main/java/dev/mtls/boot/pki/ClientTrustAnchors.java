package dev.mtls.boot.pki;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The certificate authorities trusted now to issue client certificates, the one source
 * every consumer reads: the handshake's trust store, per-request re-validation and the
 * validation of certificates forwarded by a proxy. A reload replaces them in one step
 * ({@link #update(KeyStore)}), so no consumer can go on with anchors another has dropped.
 * <p>
 * Trust that is configured but holds no CA (the last file of a trust directory deleted)
 * trusts nobody: every client certificate is refused, and an ERROR says so.
 */
public final class ClientTrustAnchors {

	private static final Log logger = LogFactory.getLog(ClientTrustAnchors.class);

	private final String source;

	private volatile @Nullable Anchors current;

	/**
	 * Create anchors from a trust store.
	 * @param source the property or SSL bundle the anchors come from, for messages
	 * @param trustStore the trust store, or {@code null} when no client CA is configured
	 */
	public ClientTrustAnchors(String source, @Nullable KeyStore trustStore) {
		this.source = source;
		this.current = (trustStore != null) ? Anchors.of(source, trustStore) : null;
	}

	/**
	 * Return where the anchors come from.
	 * @return the property or SSL bundle name
	 */
	public String getSource() {
		return this.source;
	}

	/**
	 * Return whether client CAs are configured at all. When they are, {@link #get()} may
	 * still hold none after a reload: then nothing is trusted.
	 * @return whether a trust store is configured
	 */
	public boolean isConfigured() {
		return this.current != null;
	}

	/**
	 * Return the anchors in force now.
	 * @return the anchors, {@link Anchors#NONE} when none are configured
	 */
	public Anchors get() {
		Anchors anchors = this.current;
		return (anchors != null) ? anchors : Anchors.NONE;
	}

	/**
	 * Put new anchors in force for every consumer at once.
	 * @param trustStore the new trust store; empty to trust nobody
	 */
	public void update(@Nullable KeyStore trustStore) {
		if (trustStore == null) {
			throw new IllegalArgumentException("trustStore must not be null: an empty one trusts nobody");
		}
		Anchors anchors = Anchors.of(this.source, trustStore);
		this.current = anchors;
		if (anchors.isEmpty()) {
			logger.error("No client CA is trusted any more: " + this.source
					+ " now holds no certificate, so every client certificate is refused.\n    Action:   Add the "
					+ "certificate of the CA that issues your clients' certificates to " + this.source
					+ "; it is picked up without a restart.");
		}
	}

	/**
	 * Return the CA certificates a trust store really trusts: without the placeholder
	 * that stands for "no CA" when a trust directory was emptied.
	 * @param trustStore the trust store
	 * @return the trusted certificates
	 * @throws KeyStoreException when the store cannot be read
	 */
	public static List<X509Certificate> trustedCertificates(KeyStore trustStore) throws KeyStoreException {
		return KeyStoreEntries.certificates(trustStore)
			.stream()
			.filter((certificate) -> !NoClientCaAnchor.is(certificate))
			.toList();
	}

	/**
	 * Trust anchors at one moment.
	 *
	 * @param trustStore the trust store, {@code null} only for {@link #NONE}
	 * @param certificates the trusted certificates
	 * @param anchors the same certificates as PKIX trust anchors
	 */
	public record Anchors(@Nullable KeyStore trustStore, List<X509Certificate> certificates, Set<TrustAnchor> anchors) {

		/**
		 * No client CA configured.
		 */
		public static final Anchors NONE = new Anchors(null, List.of(), Set.of());

		static Anchors of(String source, KeyStore trustStore) {
			try {
				List<X509Certificate> certificates = trustedCertificates(trustStore);
				return new Anchors(trustStore, certificates, CertificatePathValidation.anchors(certificates));
			}
			catch (GeneralSecurityException ex) {
				throw new MtlsMaterialException(source, "the trust store cannot be listed (" + ex.getMessage() + ")",
						"Check the trust store.", ex);
			}
		}

		/**
		 * Return whether no CA is trusted.
		 * @return whether there is no anchor
		 */
		public boolean isEmpty() {
			return this.anchors.isEmpty();
		}

	}

}
