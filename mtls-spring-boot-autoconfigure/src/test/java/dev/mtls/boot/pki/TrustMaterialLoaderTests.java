package dev.mtls.boot.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Loading trust anchors from PEM files, PEM directories, PKCS12 and JKS with
 * {@link TrustMaterialLoader}, and matching loaded certificates by fingerprint.
 */
class TrustMaterialLoaderTests {

	private static final String PREFIX = "mtls.server.truststore";

	@TempDir
	Path directory;

	private TestPki pki;

	private IssuedCertificate secondCa;

	private final TrustMaterialLoader loader = new TrustMaterialLoader(new DefaultResourceLoader());

	@BeforeEach
	void issuePki() {
		this.pki = new TestPki(this.directory);
		this.secondCa = CertificateBuilder.ca("CN=Second CA").issue();
	}

	@Test
	void returnsNullWhenNothingIsConfigured() {
		assertThat(this.loader.load(PREFIX, new TrustStoreProperties())).isNull();
	}

	@Test
	void loadsPemFileWithSeveralCertificatesInFileOrder() throws Exception {
		String bundle = this.pki.write("cas.crt", this.pki.ca().certificatePem() + this.secondCa.certificatePem());
		TrustMaterial trust = this.loader.load(PREFIX, pem(bundle));
		assertThat(trust.certificates()).containsExactly(this.pki.ca().certificate(), this.secondCa.certificate());
		assertThat(trust.trustStore().size()).isEqualTo(2);
		assertThat(Collections.list(trust.trustStore().aliases()))
			.allSatisfy((alias) -> assertThat(trust.trustStore().isCertificateEntry(alias)).isTrue());
	}

	@Test
	void loadsPemDirectoryReadingPemCrtAndCerFilesByName() throws IOException {
		Path trusted = Files.createDirectories(this.pki.path("trusted"));
		Files.writeString(trusted.resolve("b-second.pem"), this.secondCa.certificatePem());
		Files.writeString(trusted.resolve("a-test.crt"), this.pki.ca().certificatePem());
		Files.copy(this.pki.path("other-ca.crt"), trusted.resolve("c-other.CER"));
		Files.writeString(trusted.resolve("README.txt"), "not a certificate");
		Files.writeString(trusted.resolve("d-disabled.pem.bak"), "not a certificate either");
		Files.createDirectories(trusted.resolve("nested.pem"));
		TrustMaterial trust = this.loader.load(PREFIX, pem("file:" + trusted));
		X509Certificate otherCa = this.pki.untrustedClient().chain().get(1);
		assertThat(trust.certificates()).containsExactly(this.pki.ca().certificate(), this.secondCa.certificate(),
				otherCa);
	}

	@Test
	void detectsPkcs12ByContent() throws Exception {
		Files.copy(this.pki.path("trust.p12"), this.pki.path("trust.store"));
		TrustMaterial trust = this.loader.load(PREFIX, store(this.pki.location("trust.store")));
		assertThat(trust.trustStore().getType()).isEqualToIgnoringCase("PKCS12");
		assertThat(trust.certificates()).containsExactly(this.pki.ca().certificate());
	}

	@Test
	void detectsJksByContentWhateverTheFileName() throws Exception {
		Files.copy(this.pki.path("trust.jks"), this.pki.path("jks-in-disguise.p12"));
		TrustMaterial trust = this.loader.load(PREFIX, store(this.pki.location("jks-in-disguise.p12")));
		assertThat(trust.trustStore().getType()).isEqualTo("JKS");
		assertThat(trust.certificates()).containsExactly(this.pki.ca().certificate());
	}

	@Test
	void loadsJksWithoutPasswordSinceItsCertificatesAreNotEncrypted() {
		TrustStoreProperties properties = new TrustStoreProperties();
		properties.setLocation(this.pki.location("trust.jks"));
		assertThat(this.loader.load(PREFIX, properties).certificates()).containsExactly(this.pki.ca().certificate());
	}

	@Test
	void reportsMissingPasswordOfPkcs12TrustStoreRatherThanAnEmptyStore() {
		// The JDK encrypts the certificates of a PKCS12 store and, without a password,
		// silently skips them: the store then looks empty.
		TrustStoreProperties properties = new TrustStoreProperties();
		properties.setLocation(this.pki.location("trust.p12"));
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(() -> this.loader.load(PREFIX, properties))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".password"))
			.satisfies((ex) -> assertThat(ex.getAction()).contains("Set " + PREFIX + ".password"));
	}

	@Test
	void loadsClasspathLocation() throws Exception {
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { this.directory.toUri().toURL() }, null)) {
			TrustMaterialLoader classpathLoader = new TrustMaterialLoader(new DefaultResourceLoader(classLoader));
			assertThat(classpathLoader.load(PREFIX, store("classpath:trust.p12")).certificates())
				.containsExactly(this.pki.ca().certificate());
			assertThat(classpathLoader.load(PREFIX, pem("classpath:ca.crt")).certificates())
				.containsExactly(this.pki.ca().certificate());
			assertThatExceptionOfType(MtlsMaterialException.class)
				.isThrownBy(() -> classpathLoader.load(PREFIX, pem("classpath:missing.crt")))
				.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".certificate"));
		}
	}

	@Test
	void reportsEmptyTrustStore() {
		String empty = writeKeyStore("empty.p12", "PKCS12");
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(() -> this.loader.load(PREFIX, store(empty)))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".location"))
			.satisfies(
					(ex) -> assertThat(ex.getDescription()).isEqualTo("'" + empty + "' holds no certificate to trust"));
	}

	@Test
	void reportsEmptyPemDirectory() throws IOException {
		Path empty = Files.createDirectories(this.pki.path("empty"));
		assertThatExceptionOfType(MtlsMaterialException.class)
			.isThrownBy(() -> this.loader.load(PREFIX, pem("file:" + empty)))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".certificate"))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("holds no certificate to trust"));
	}

	@Test
	void reportsTheUnparseableFileOfAPemDirectory() throws IOException {
		Path trusted = Files.createDirectories(this.pki.path("trusted"));
		Files.writeString(trusted.resolve("a-good.pem"), this.pki.ca().certificatePem());
		Files.writeString(trusted.resolve("b-broken.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n");
		assertThatExceptionOfType(MtlsMaterialException.class)
			.isThrownBy(() -> this.loader.load(PREFIX, pem("file:" + trusted)))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".certificate"))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("b-broken.crt"));
	}

	@Test
	void reportsStoreAndPemBothConfigured() {
		TrustStoreProperties properties = store(this.pki.location("trust.p12"));
		properties.setCertificate(this.pki.location("ca.crt"));
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(() -> this.loader.load(PREFIX, properties))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".location"))
			.satisfies((ex) -> assertThat(ex.getAction()).contains("not both"));
	}

	@Test
	void fingerprintOfLoadedCertificateMatchesConfiguredFingerprintWithColonsAndUpperCase() {
		TrustMaterial trust = this.loader.load(PREFIX, pem(this.pki.location("ca.crt")));
		String fingerprint = CertificateFingerprint.sha256(trust.certificates().get(0));
		assertThat(fingerprint).hasSize(64).isEqualTo(this.pki.ca().fingerprint()).matches("[0-9a-f]{64}");
		String openSslStyle = HexFormat.ofDelimiter(":")
			.withUpperCase()
			.formatHex(HexFormat.of().parseHex(fingerprint));
		assertThat(openSslStyle).contains(":").isUpperCase();
		assertThat(CertificateFingerprint.normalize(openSslStyle)).isEqualTo(fingerprint);
		assertThat(CertificateFingerprint.normalize(" " + fingerprint.toUpperCase(Locale.ROOT) + " "))
			.isEqualTo(fingerprint);
		assertThat(CertificateFingerprint.normalize("AB:cd:EF")).isEqualTo("abcdef");
	}

	private TrustStoreProperties pem(String certificate) {
		TrustStoreProperties properties = new TrustStoreProperties();
		properties.setCertificate(certificate);
		return properties;
	}

	private TrustStoreProperties store(String location) {
		TrustStoreProperties properties = new TrustStoreProperties();
		properties.setLocation(location);
		properties.setPassword(TestPki.PASSWORD);
		return properties;
	}

	private String writeKeyStore(String name, String type) {
		try (OutputStream out = Files.newOutputStream(this.pki.path(name))) {
			KeyStore store = KeyStore.getInstance(type);
			store.load(null, null);
			store.store(out, TestPki.PASSWORD.toCharArray());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return this.pki.location(name);
	}

}
