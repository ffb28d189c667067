package dev.mtls.boot.reload;

import java.nio.file.Path;
import java.util.List;

import dev.mtls.boot.pki.ClientTrustAnchors;
import dev.mtls.boot.pki.MtlsMaterialException;
import dev.mtls.boot.pki.TrustMaterial;
import dev.mtls.boot.pki.TrustMaterialLoader;
import dev.mtls.boot.pki.TrustStoreProperties;
import dev.mtls.boot.server.MtlsServerSslBundleRegistrar;

/**
 * The client CAs of {@code mtls.server.truststore} when the application serves no TLS
 * itself (behind a TLS-terminating proxy): reloaded into {@link ClientTrustAnchors},
 * which forwarded-certificate validation and per-request re-validation read. Reported
 * under the server's bundle name, as with server TLS.
 */
final class ClientTrustReloadTarget implements ReloadTarget {

	private static final String PREFIX = "mtls.server.truststore";

	private final ClientTrustAnchors anchors;

	private final TrustStoreProperties properties;

	private final TrustMaterialLoader loader;

	private final List<Path> files;

	ClientTrustReloadTarget(ClientTrustAnchors anchors, TrustStoreProperties properties, TrustMaterialLoader loader,
			List<Path> files) {
		this.anchors = anchors;
		this.properties = properties;
		this.loader = loader;
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
		TrustMaterial trust = this.loader.reload(PREFIX, this.properties);
		if (trust == null) {
			throw new MtlsMaterialException(PREFIX, "no trusted client CA is configured any more",
					"Set " + PREFIX + ".certificate (or .location) to the CAs that issue client certificates.");
		}
		this.anchors.update(trust.trustStore());
		return trust.certificates().size() + " trusted client CA certificate(s)";
	}

}
