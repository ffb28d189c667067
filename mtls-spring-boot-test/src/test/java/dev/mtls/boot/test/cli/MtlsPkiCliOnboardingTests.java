package dev.mtls.boot.test.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;

import dev.mtls.boot.pki.CertificateFingerprint;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partner onboarding with the certificate tool: {@code sign} turns a partner's CSR into a
 * client certificate (and refuses every kind of bad request), {@code bundle} writes what
 * the partner needs, never a private key. The partner's key is made here, as the partner
 * would, and only its CSR goes to the tool.
 */
class MtlsPkiCliOnboardingTests {

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	@TempDir
	Path pki;

	@TempDir
	Path partner;

	@BeforeEach
	void createCa() {
		run("ca");
	}

	@Test
	void signedCsrIsAClientCertificateAcceptedOverRealTls() throws Exception {
		KeyPair keys = ec();
		Path csr = writeCsr(csr("CN=partner,O=Partner Inc", keys, keys, null));
		String output = run("sign", "--csr", csr.toString());
		X509Certificate certificate = certificate(this.pki.resolve("partner.crt"));
		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=partner,O=Partner Inc");
		assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
		assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
		assertThat(certificate.getNotAfter().toInstant()).isBetween(Instant.now().plus(Duration.ofDays(89)),
				Instant.now().plus(Duration.ofDays(91)));
		assertThat(output).contains("SHA-256 fingerprint " + CertificateFingerprint.sha256(certificate))
			.contains("the private key stays with the partner");
		run("server", "--ip", "127.0.0.1", "--dns", "localhost");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
				MtlsPkiCliTests.EchoApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"mtls.server.keystore.certificate=file:" + this.pki.resolve("server.crt"),
					"mtls.server.keystore.private-key=file:" + this.pki.resolve("server.key"),
					"mtls.server.truststore.certificate=file:" + this.pki.resolve("ca.crt"))
			.run()) {
			String url = "https://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/whoami";
			HttpResponse<String> response = get(url, keys, certificate);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("partner");
		}
	}

	@Test
	void subjectCanBeOverriddenAndSansGiven() throws Exception {
		KeyPair keys = ec();
		Path csr = writeCsr(csr("CN=whatever-they-asked", keys, keys, null));
		run("sign", "--csr", csr.toString(), "--subject", "CN=acme-orders,O=ACME", "--uri",
				"spiffe://acme.example/orders", "--days", "30");
		X509Certificate certificate = certificate(this.pki.resolve("acme-orders.crt"));
		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=acme-orders,O=ACME");
		assertThat(certificate.getSubjectAlternativeNames())
			.containsExactly(List.of(6, "spiffe://acme.example/orders"));
		assertThat(certificate.getNotAfter().toInstant()).isBefore(Instant.now().plus(Duration.ofDays(31)));
	}

	@Test
	void refusesCsrWhoseSignatureDoesNotVerify() throws Exception {
		KeyPair keys = ec();
		// Carries the partner's public key but was signed by another key.
		Path csr = writeCsr(csr("CN=partner", keys, ec(), null));
		assertThat(refused("sign", "--csr", csr.toString())).contains("the CSR's signature does not verify");
		assertThat(this.pki.resolve("partner.crt")).doesNotExist();
	}

	@Test
	void refusesCaRequests() throws Exception {
		KeyPair keys = ec();
		Path caRequest = writeCsr(csr("CN=rogue-ca", keys, keys, new Extensions(
				new Extension(Extension.basicConstraints, true, new BasicConstraints(true).getEncoded()))));
		assertThat(refused("sign", "--csr", caRequest.toString())).contains("asks for a CA certificate");
		Path certSign = writeCsr(csr("CN=rogue-ca", keys, keys, new Extensions(
				new Extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign).getEncoded()))));
		assertThat(refused("sign", "--csr", certSign.toString())).contains("keyCertSign or cRLSign");
	}

	@Test
	void refusesExtendedKeyUsagesOtherThanClientAuth() throws Exception {
		KeyPair keys = ec();
		Path csr = writeCsr(csr("CN=partner", keys, keys, new Extensions(new Extension(Extension.extendedKeyUsage,
				false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth).getEncoded()))));
		assertThat(refused("sign", "--csr", csr.toString())).contains("(serverAuth)")
			.contains("partner certificates are for clientAuth only");
	}

	@Test
	void refusesKeysBelowTheMinimumSize() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(1024);
		KeyPair weak = generator.generateKeyPair();
		Path csr = writeCsr(csr("CN=partner", weak, weak, null));
		assertThat(refused("sign", "--csr", csr.toString()))
			.contains("RSA key has 1024 bits, fewer than the minimum 2048");
	}

	@Test
	void refusesValidityBeyondTheMaximumOrTheCa() throws Exception {
		KeyPair keys = ec();
		Path csr = writeCsr(csr("CN=partner", keys, keys, null));
		assertThat(refused("sign", "--csr", csr.toString(), "--days", "398"))
			.contains("longer than a partner certificate may live (397 days)");
		run("ca", "--force", "--days", "30");
		assertThat(refused("sign", "--csr", csr.toString(), "--days", "90")).contains("would outlive the CA");
	}

	@Test
	void refusesFilesThatAreNoCsrAndAMissingCsrOption() throws Exception {
		Path notACsr = Files.writeString(this.partner.resolve("partner.csr"),
				Files.readString(this.pki.resolve("ca.crt")));
		assertThat(refused("sign", "--csr", notACsr.toString()))
			.contains("holds no PKCS#10 certificate signing request");
		assertThat(refused("sign")).contains("sign needs --csr FILE");
		assertThat(refused("sign", "--csr", this.partner.resolve("missing.csr").toString())).contains("no CSR at");
	}

	@Test
	void bundleHoldsCertificateChainCurlLineAndFingerprintButNoPrivateKey() throws Exception {
		KeyPair keys = ec();
		run("sign", "--csr", writeCsr(csr("CN=partner", keys, keys, null)).toString());
		String fingerprint = CertificateFingerprint.sha256(certificate(this.pki.resolve("partner.crt")));
		String output = run("bundle", "--name", "partner", "--host", "api.example.com", "--port", "9443", "--path",
				"/api/orders");
		Path bundle = this.pki.resolve("partner-bundle");
		assertThat(bundle.resolve("partner.crt")).exists();
		assertThat(certificate(bundle.resolve("ca-chain.crt"))).isEqualTo(certificate(this.pki.resolve("ca.crt")));
		String curl = "curl --cert partner.crt --key partner.key --cacert ca-chain.crt https://api.example.com:9443/api/orders";
		assertThat(output).contains(curl).contains("mtls.rate-limit.tiers.<tier>.fingerprints=" + fingerprint);
		assertThat(Files.readString(bundle.resolve("README.txt"))).contains(curl).contains(fingerprint);
		try (Stream<Path> files = Files.list(bundle)) {
			for (Path file : files.toList()) {
				assertThat(Files.readString(file)).as(file.toString()).doesNotContain("PRIVATE KEY");
			}
		}
	}

	@Test
	void bundleRefusesACertificateTheCaDidNotIssue() throws Exception {
		Path other = Files.createDirectories(this.partner.resolve("other"));
		MtlsPkiCli.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), "ca",
				"--out", other.toString());
		MtlsPkiCli.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
				"client", "--out", other.toString(), "--cn", "stranger");
		Files.copy(other.resolve("stranger.crt"), this.pki.resolve("stranger.crt"));
		assertThat(refused("bundle", "--name", "stranger")).contains("was not issued by the CA in");
		assertThat(refused("bundle", "--name", "nobody")).contains("no certificate");
	}

	private static KeyPair ec() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		return generator.generateKeyPair();
	}

	private static PKCS10CertificationRequest csr(String subject, KeyPair subjectKeys, KeyPair signingKeys,
			Extensions extensions) throws Exception {
		PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject),
				subjectKeys.getPublic());
		if (extensions != null) {
			builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions);
		}
		String algorithm = "EC".equals(signingKeys.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
		return builder.build(new JcaContentSignerBuilder(algorithm).build(signingKeys.getPrivate()));
	}

	private Path writeCsr(PKCS10CertificationRequest csr) throws Exception {
		StringWriter pem = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
			writer.writeObject(csr);
		}
		return Files.writeString(Files.createTempFile(this.partner, "partner", ".csr"), pem.toString());
	}

	private String run(String command, String... options) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = MtlsPkiCli.run(new PrintStream(out), new PrintStream(err), args(command, options));
		assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
		return out.toString(StandardCharsets.UTF_8);
	}

	private String refused(String command, String... options) {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = MtlsPkiCli.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err),
				args(command, options));
		assertThat(status).isEqualTo(2);
		return err.toString(StandardCharsets.UTF_8);
	}

	private String[] args(String command, String... options) {
		return Stream.concat(Stream.of(command, "--out", this.pki.toString()), Stream.of(options))
			.toArray(String[]::new);
	}

	private static X509Certificate certificate(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

	private HttpResponse<String> get(String url, KeyPair keys, X509Certificate certificate) throws Exception {
		KeyStore identity = KeyStore.getInstance("PKCS12");
		identity.load(null, null);
		identity.setKeyEntry("partner", keys.getPrivate(), "x".toCharArray(), new Certificate[] { certificate });
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(identity, "x".toCharArray());
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", certificate(this.pki.resolve("ca.crt")));
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
		trustManagers.init(trust);
		SSLContext ssl = SSLContext.getInstance("TLS");
		ssl.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
		return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
