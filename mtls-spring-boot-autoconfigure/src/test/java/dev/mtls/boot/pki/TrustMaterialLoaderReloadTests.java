package dev.mtls.boot.pki;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * On reload, a trust directory emptied of its last CA file trusts nobody; any other trust
 * material without a certificate is still refused, as at startup.
 */
class TrustMaterialLoaderReloadTests {

	private static final String PREFIX = "mtls.server.truststore";

	private final TrustMaterialLoader loader = new TrustMaterialLoader(new DefaultResourceLoader());

	@TempDir
	Path directory;

	@Test
	void emptiedTrustDirectoryTrustsNobodyOnReloadButIsRefusedAtStartup() throws Exception {
		Path trusted = Files.createDirectories(this.directory.resolve("trusted"));
		TrustStoreProperties properties = new TrustStoreProperties();
		properties.setCertificate("file:" + trusted + "/");
		TrustMaterial reloaded = this.loader.reload(PREFIX, properties);
		assertThat(reloaded.certificates()).isEmpty();
		ClientTrustAnchors anchors = new ClientTrustAnchors(PREFIX, reloaded.trustStore());
		assertThat(anchors.isConfigured()).isTrue();
		assertThat(anchors.get().isEmpty()).isTrue();
		// Tomcat needs an anchor: a placeholder that no certificate chains to.
		assertThat(reloaded.trustStore().size()).isOne();
		assertThat(NoClientCaAnchor.is(KeyStoreEntries.certificates(reloaded.trustStore()).get(0))).isTrue();
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(() -> this.loader.load(PREFIX, properties))
			.withMessageContaining("holds no certificate to trust");
	}

	@Test
	void emptyPemFileIsStillRefusedOnReload() throws Exception {
		Path file = Files.writeString(this.directory.resolve("ca.pem"), "");
		TrustStoreProperties properties = new TrustStoreProperties();
		properties.setCertificate("file:" + file);
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(() -> this.loader.reload(PREFIX, properties));
	}

	@Test
	void anchorsFollowUpdatesAndLeaveThePlaceholderOut() throws Exception {
		TestPki pki = new TestPki(this.directory.resolve("pki"));
		TrustStoreProperties properties = new TrustStoreProperties();
		properties.setCertificate(pki.location("ca.crt"));
		ClientTrustAnchors anchors = new ClientTrustAnchors(PREFIX, this.loader.load(PREFIX, properties).trustStore());
		assertThat(anchors.get().certificates()).containsExactly(pki.ca().certificate());
		Path empty = Files.createDirectories(this.directory.resolve("empty"));
		properties.setCertificate("file:" + empty + "/");
		anchors.update(this.loader.reload(PREFIX, properties).trustStore());
		assertThat(anchors.get().certificates()).isEmpty();
		assertThat(anchors.get().anchors()).isEmpty();
	}

}
