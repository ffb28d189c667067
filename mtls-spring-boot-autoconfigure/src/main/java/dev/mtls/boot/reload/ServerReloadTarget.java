package dev.mtls.boot.reload;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.mtls.boot.pki.CertificateFingerprint;
import dev.mtls.boot.pki.ClientTrustAnchors;
import dev.mtls.boot.server.MtlsServerSslBundleRegistrar;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;

/**
 * The server's bundle {@value MtlsServerSslBundleRegistrar#BUNDLE_NAME}: reloaded through
 * {@link SslBundleRegistry#updateBundle}, whose handlers (Boot's for the main connector,
 * the starter's for a dedicated one) replace Tomcat's {@code SSLHostConfig}. Open
 * connections continue with the material they negotiated; new handshakes use the new
 * material.
 */
final class ServerReloadTarget implements ReloadTarget {

	private final MtlsServerSslBundleRegistrar registrar;

	private final SslBundleRegistry registry;

	private final List<Path> files;

	ServerReloadTarget(MtlsServerSslBundleRegistrar registrar, SslBundleRegistry registry, List<Path> files) {
		this.registrar = registrar;
		this.registry = registry;
		this.files = files;
	}

	@Override
	public String bundleName() {
		return MtlsServerSslBundleRegistrar.BUNDLE_NAME;
	}

	@Override
	public List<Path> files() {
		return this.files;
	}

	@Override
	public String reload() {
		SslBundle bundle = this.registrar.loadBundle();
		this.registry.updateBundle(bundleName(), bundle);
		return describe(bundle);
	}

	private static String describe(SslBundle bundle) {
		try {
			KeyStore keyStore = Objects.requireNonNull(bundle.getStores().getKeyStore());
			String alias = bundle.getKey().getAlias();
			if (alias == null) {
				alias = Collections.list(keyStore.aliases()).get(0);
			}
			Certificate certificate = keyStore.getCertificate(alias);
			KeyStore trustStore = bundle.getStores().getTrustStore();
			int trusted = (trustStore != null) ? ClientTrustAnchors.trustedCertificates(trustStore).size() : 0;
			if (certificate instanceof X509Certificate x509) {
				return "server certificate '" + x509.getSubjectX500Principal().getName() + "' (SHA-256 "
						+ CertificateFingerprint.sha256(x509) + ", valid until " + x509.getNotAfter().toInstant()
						+ "), " + trusted + " trusted certificate(s)";
			}
			return trusted + " trusted certificate(s)";
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return "new material";
		}
	}

}
