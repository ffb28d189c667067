package dev.mtls.boot.pki;

import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.TestPki;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Loading an identity from PEM, PKCS12 and JKS with {@link IdentityMaterialLoader}.
 */
class IdentityMaterialLoaderTests {

	private static final String PREFIX = "mtls.server.keystore";

	@TempDir
	Path directory;

	private TestPki pki;

	private final IdentityMaterialLoader loader = new IdentityMaterialLoader(new DefaultResourceLoader());

	@BeforeEach
	void issuePki() {
		this.pki = new TestPki(this.directory);
	}

	@Test
	void returnsNullWhenNothingIsConfigured() {
		assertThat(this.loader.load(PREFIX, new KeyStoreProperties())).isNull();
	}

	@Test
	void loadsPemIdentity() throws Exception {
		IdentityMaterial identity = this.loader.load(PREFIX,
				pem(this.pki.location("server.crt"), this.pki.location("server.key")));
		assertThat(identity.certificate()).isEqualTo(this.pki.server().certificate());
		assertThat(identity.keyStore().getKey(identity.alias(), identity.keyPassword().toCharArray()))
			.isEqualTo(this.pki.server().privateKey());
		assertThat(identity.keyStorePassword()).isEqualTo(identity.keyPassword()).isNotBlank();
	}

	@Test
	void pemIdentityIsHeldInJksStoreWhoseKeyCopyTomcatReadsWithoutKeyDerivation() throws Exception {
		IssuedCertificate rsa = CertificateBuilder.endEntity("CN=rsa").rsa(2048).issuedBy(this.pki.ca()).issue();
		String certificate = this.pki.write("rsa.crt", rsa.chainPem());
		String key = this.pki.write("rsa.key", rsa.privateKeyPem());
		for (IdentityMaterial identity : new IdentityMaterial[] {
				this.loader.load(PREFIX, pem(this.pki.location("server.crt"), this.pki.location("server.key"))),
				this.loader.load(PREFIX, pem(certificate, key)) }) {
			assertThat(identity.keyStore().getType()).isEqualTo("JKS");
			// What Tomcat's SSLUtilBase.getKeyManagers does with a PKCS#8 key
			char[] password = identity.keyPassword().toCharArray();
			KeyStore copy = KeyStore.getInstance(identity.keyStore().getType());
			copy.load(null, null);
			copy.setKeyEntry(identity.alias(), identity.keyStore().getKey(identity.alias(), password), password,
					identity.keyStore().getCertificateChain(identity.alias()));
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(copy, password);
			X509KeyManager keyManager = (X509KeyManager) factory.getKeyManagers()[0];
			String alias = keyManager.chooseServerAlias(identity.certificate().getPublicKey().getAlgorithm(), null,
					null);
			assertThat(keyManager.getCertificateChain(alias)).containsExactlyElementsOf(identity.chain());
			assertThat(keyManager.getPrivateKey(alias))
				.isEqualTo(identity.keyStore().getKey(identity.alias(), password));
		}
	}

	@Test
	void pemChainKeepsLeafFirstThenIntermediate() throws Exception {
		IssuedCertificate root = CertificateBuilder.ca("CN=Root CA").issue();
		IssuedCertificate intermediate = CertificateBuilder.ca("CN=Intermediate CA").issuedBy(root).issue();
		IssuedCertificate leaf = CertificateBuilder.endEntity("CN=leaf").serverAuth().issuedBy(intermediate).issue();
		leaf.writePem(this.pki.path("leaf.crt"), this.pki.path("leaf.key"));
		IdentityMaterial identity = this.loader.load(PREFIX,
				pem(this.pki.location("leaf.crt"), this.pki.location("leaf.key")));
		assertThat(identity.chain()).containsExactly(leaf.certificate(), intermediate.certificate());
		assertThat(identity.certificate()).isEqualTo(leaf.certificate());
		assertThat(identity.keyStore().getCertificateChain(identity.alias())).containsExactly(leaf.certificate(),
				intermediate.certificate());
	}

	@Test
	void pemChainKeepsFileOrderIncludingRoot() {
		IssuedCertificate root = CertificateBuilder.ca("CN=Root CA").issue();
		IssuedCertificate intermediate = CertificateBuilder.ca("CN=Intermediate CA").issuedBy(root).issue();
		IssuedCertificate leaf = CertificateBuilder.endEntity("CN=leaf").issuedBy(intermediate).issue();
		String chain = this.pki.write("full-chain.crt", IssuedCertificate.pem(leaf.chain()));
		String key = this.pki.write("leaf.key", leaf.privateKeyPem());
		assertThat(this.loader.load(PREFIX, pem(chain, key)).chain()).containsExactly(leaf.certificate(),
				intermediate.certificate(), root.certificate());
	}

	@Test
	void loadsRsaPemIdentity() {
		IssuedCertificate rsa = CertificateBuilder.endEntity("CN=rsa").rsa(2048).issuedBy(this.pki.ca()).issue();
		String certificate = this.pki.write("rsa.crt", rsa.chainPem());
		String key = this.pki.write("rsa.key", rsa.privateKeyPem());
		assertThat(this.loader.load(PREFIX, pem(certificate, key)).certificate()).isEqualTo(rsa.certificate());
	}

	@Test
	void loadsEncryptedPemKeyWithItsPassword() {
		String key = this.pki.write("encrypted.key", encryptedPem(this.pki.server(), "key-secret"));
		KeyStoreProperties properties = pem(this.pki.location("server.crt"), key);
		properties.setPrivateKeyPassword("key-secret");
		assertThat(this.loader.load(PREFIX, properties).certificate()).isEqualTo(this.pki.server().certificate());
	}

	@Test
	void detectsPkcs12ByContent() {
		copy("server.p12", "server.keystore");
		IdentityMaterial identity = this.loader.load(PREFIX, store(this.pki.location("server.keystore")));
		assertThat(identity.keyStore().getType()).isEqualToIgnoringCase("PKCS12");
		assertThat(identity.alias()).isEqualTo("server");
		assertThat(identity.chain()).containsExactlyElementsOf(this.pki.server().chain());
	}

	@Test
	void detectsJksByContentWhateverTheFileName() {
		copy("server.jks", "jks-in-disguise.p12");
		IdentityMaterial identity = this.loader.load(PREFIX, store(this.pki.location("jks-in-disguise.p12")));
		assertThat(identity.keyStore().getType()).isEqualTo("JKS");
		assertThat(identity.certificate()).isEqualTo(this.pki.server().certificate());
	}

	@Test
	void usesConfiguredType() {
		KeyStoreProperties properties = store(this.pki.location("server.jks"));
		properties.setType("JKS");
		assertThat(this.loader.load(PREFIX, properties).keyStore().getType()).isEqualTo("JKS");
	}

	@Test
	void reportsUnsupportedType() {
		KeyStoreProperties properties = store(this.pki.location("server.p12"));
		properties.setType("NOPE");
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(() -> this.loader.load(PREFIX, properties))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".type"))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("'NOPE' is not supported"));
	}

	@Test
	void loadsClasspathLocation() throws Exception {
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { this.directory.toUri().toURL() }, null)) {
			IdentityMaterialLoader classpathLoader = new IdentityMaterialLoader(new DefaultResourceLoader(classLoader));
			assertThat(classpathLoader.load(PREFIX, store("classpath:server.p12")).certificate())
				.isEqualTo(this.pki.server().certificate());
			assertThat(classpathLoader.load(PREFIX, pem("classpath:server.crt", "classpath:server.key")).certificate())
				.isEqualTo(this.pki.server().certificate());
			assertThatExceptionOfType(MtlsMaterialException.class)
				.isThrownBy(() -> classpathLoader.load(PREFIX, store("classpath:missing.p12")))
				.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".location"))
				.satisfies((ex) -> assertThat(ex.getDescription())
					.isEqualTo("location 'classpath:missing.p12' does not exist"));
		}
	}

	@Test
	void keyPasswordDefaultsToStorePassword() {
		IdentityMaterial identity = this.loader.load(PREFIX, store(this.pki.location("server.p12")));
		assertThat(identity.keyStorePassword()).isEqualTo(TestPki.PASSWORD);
		assertThat(identity.keyPassword()).isEqualTo(TestPki.PASSWORD);
	}

	@Test
	void usesKeyPasswordWhenItDiffersFromStorePassword() {
		String location = writeKeyStore("key-password.jks", "JKS",
				(store) -> store.setKeyEntry("server", this.pki.server().privateKey(), "key-secret".toCharArray(),
						this.pki.server().chain().toArray(new X509Certificate[0])));
		KeyStoreProperties properties = store(location);
		properties.setKeyPassword("key-secret");
		IdentityMaterial identity = this.loader.load(PREFIX, properties);
		assertThat(identity.keyStorePassword()).isEqualTo(TestPki.PASSWORD);
		assertThat(identity.keyPassword()).isEqualTo("key-secret");
	}

	@Test
	void selectsConfiguredKeyAliasAmongSeveralKeyEntries() {
		String location = writeKeyStore("two-keys.p12", "PKCS12", (store) -> {
			store.setKeyEntry("server", this.pki.server().privateKey(), TestPki.PASSWORD.toCharArray(),
					this.pki.server().chain().toArray(new X509Certificate[0]));
			store.setKeyEntry("alice", this.pki.client().privateKey(), TestPki.PASSWORD.toCharArray(),
					this.pki.client().chain().toArray(new X509Certificate[0]));
			store.setCertificateEntry("ca", this.pki.ca().certificate());
		});
		KeyStoreProperties properties = store(location);
		properties.setKeyAlias("alice");
		IdentityMaterial identity = this.loader.load(PREFIX, properties);
		assertThat(identity.alias()).isEqualTo("alice");
		assertThat(identity.certificate()).isEqualTo(this.pki.client().certificate());
	}

	@Test
	void reportsCertificateEntryConfiguredAsKeyAlias() {
		String location = writeKeyStore("mixed.p12", "PKCS12", (store) -> {
			store.setKeyEntry("server", this.pki.server().privateKey(), TestPki.PASSWORD.toCharArray(),
					this.pki.server().chain().toArray(new X509Certificate[0]));
			store.setCertificateEntry("ca", this.pki.ca().certificate());
		});
		KeyStoreProperties properties = store(location);
		properties.setKeyAlias("ca");
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(() -> this.loader.load(PREFIX, properties))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".key-alias"))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("alias 'ca' is not a key entry", "[server]"));
	}

	@Test
	void reportsStoreWithoutKeyEntry() {
		assertThatExceptionOfType(MtlsMaterialException.class)
			.isThrownBy(() -> this.loader.load(PREFIX, store(this.pki.location("trust.p12"))))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".location"))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("holds no private key entry"));
	}

	@Test
	void reportsPemFileConfiguredAsKeyStore() {
		assertThatExceptionOfType(MtlsMaterialException.class)
			.isThrownBy(() -> this.loader.load(PREFIX, store(this.pki.location("server.crt"))))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".location"))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("is not a readable PKCS12 store"))
			.satisfies((ex) -> assertThat(ex.getAction()).contains(PREFIX + ".type"));
	}

	@Test
	void reportsStoreAndPemBothConfigured() {
		KeyStoreProperties properties = pem(this.pki.location("server.crt"), this.pki.location("server.key"));
		properties.setLocation(this.pki.location("server.p12"));
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(() -> this.loader.load(PREFIX, properties))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".location"))
			.satisfies((ex) -> assertThat(ex.getAction()).contains("not both"));
	}

	@Test
	void reportsPemKeyWithoutCertificate() {
		KeyStoreProperties properties = new KeyStoreProperties();
		properties.setPrivateKey(this.pki.location("server.key"));
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(() -> this.loader.load(PREFIX, properties))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".certificate"));
	}

	@Test
	void reportsPemCertificateWithoutKey() {
		KeyStoreProperties properties = new KeyStoreProperties();
		properties.setCertificate(this.pki.location("server.crt"));
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(() -> this.loader.load(PREFIX, properties))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".private-key"));
	}

	@Test
	void reportsKeyOfAnotherAlgorithmThanTheCertificate() {
		IssuedCertificate rsa = CertificateBuilder.endEntity("CN=rsa").rsa(2048).issuedBy(this.pki.ca()).issue();
		String certificate = this.pki.write("rsa.crt", rsa.chainPem());
		assertThatExceptionOfType(MtlsMaterialException.class)
			.isThrownBy(() -> this.loader.load(PREFIX, pem(certificate, this.pki.location("server.key"))))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".private-key"))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("does not belong to certificate 'CN=rsa'"));
	}

	@Test
	void reportsRsaKeyOfAnotherCertificate() {
		IssuedCertificate rsa = CertificateBuilder.endEntity("CN=rsa").rsa(2048).issuedBy(this.pki.ca()).issue();
		IssuedCertificate other = CertificateBuilder.endEntity("CN=other").rsa(2048).issuedBy(this.pki.ca()).issue();
		String certificate = this.pki.write("rsa.crt", rsa.chainPem());
		String key = this.pki.write("other.key", other.privateKeyPem());
		assertThatExceptionOfType(MtlsMaterialException.class)
			.isThrownBy(() -> this.loader.load(PREFIX, pem(certificate, key)))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".private-key"));
	}

	@Test
	void reportsCertificateAndKeyFilesSwapped() {
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(
				() -> this.loader.load(PREFIX, pem(this.pki.location("server.key"), this.pki.location("server.crt"))))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(PREFIX + ".certificate"))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("does not contain PEM certificates"));
	}

	private KeyStoreProperties pem(String certificate, String privateKey) {
		KeyStoreProperties properties = new KeyStoreProperties();
		properties.setCertificate(certificate);
		properties.setPrivateKey(privateKey);
		return properties;
	}

	private KeyStoreProperties store(String location) {
		KeyStoreProperties properties = new KeyStoreProperties();
		properties.setLocation(location);
		properties.setPassword(TestPki.PASSWORD);
		return properties;
	}

	private void copy(String from, String to) {
		try {
			Files.copy(this.pki.path(from), this.pki.path(to));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String writeKeyStore(String name, String type, KeyStoreContent content) {
		try (OutputStream out = Files.newOutputStream(this.pki.path(name))) {
			KeyStore store = KeyStore.getInstance(type);
			store.load(null, null);
			content.fill(store);
			store.store(out, TestPki.PASSWORD.toCharArray());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return this.pki.location(name);
	}

	private static String encryptedPem(IssuedCertificate certificate, String password) {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(new JcaPKCS8Generator(certificate.privateKey(),
					new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
						.setProvider(new BouncyCastleProvider())
						.setPRF(PKCS8Generator.PRF_HMACSHA256)
						.setPassword(password.toCharArray())
						.build()));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return out.toString();
	}

	@FunctionalInterface
	private interface KeyStoreContent {

		void fill(KeyStore store) throws Exception;

	}

}
