package dev.mtls.boot.reload;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.mtls.boot.client.MtlsClient;
import dev.mtls.boot.pki.CertificateFingerprint;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundleRegistry;

/**
 * The bundle of one outbound client: its material is replaced in place
 * ({@link MtlsClient#reloadMaterial()}), so HTTP clients already built present the new
 * identity and apply the new trust on their next handshake. The bundle is then
 * re-announced through {@link SslBundleRegistry#updateBundle} so that update handlers
 * (metrics, health) learn of the change.
 */
final class ClientReloadTarget implements ReloadTarget {

	private final MtlsClient client;

	private final SslBundleRegistry registry;

	private final List<Path> files;

	ClientReloadTarget(MtlsClient client, SslBundleRegistry registry, List<Path> files) {
		this.client = client;
		this.registry = registry;
		this.files = files;
	}

	@Override
	public String bundleName() {
		return this.client.getBundleName();
	}

	@Override
	public List<Path> files() {
		return this.files;
	}

	@Override
	public String reload() {
		X509Certificate certificate = this.client.reloadMaterial();
		try {
			this.registry.updateBundle(bundleName(), this.client.getSslBundle());
		}
		catch (NoSuchSslBundleException ex) {
			// The application replaced the bundle registrar: nobody listens for this
			// name.
		}
		return (certificate != null) ? "client certificate '" + certificate.getSubjectX500Principal().getName()
				+ "' (SHA-256 " + CertificateFingerprint.sha256(certificate) + ", valid until "
				+ certificate.getNotAfter().toInstant() + ")" : "no client certificate";
	}

}
