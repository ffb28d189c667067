package dev.mtls.boot.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.pki.MtlsFailureAnalysis;
import dev.mtls.boot.pki.MtlsMaterialException;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import dev.mtls.boot.testing.WebStack;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Starts the real application with broken {@code mtls.server.*} configurations and checks
 * that each one stops the startup with a failure report that names the property at fault,
 * the problem and the fix, as an operator reads it. Specified once, run on every web
 * stack ({@link ServletServerStartupFailureTests},
 * {@link ReactiveServerStartupFailureTests}).
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class MtlsServerStartupFailureSpecification {

	private static final String WRONG_PASSWORD = "wrong-password-must-not-be-logged";

	@TempDir
	Path directory;

	TestPki pki;

	private final WebStack stack;

	MtlsServerStartupFailureSpecification(WebStack stack) {
		this.stack = stack;
	}

	@BeforeEach
	void issuePki() {
		this.pki = new TestPki(this.directory);
	}

	// Nothing configured

	@Test
	void reportsNothingConfiguredWithEveryWayOut() {
		assertStartupFailure().reportsProperty("mtls.server.keystore")
			.withProblem("no server identity and no trusted client CAs are configured")
			.withAction("mtls.server.keystore.certificate", "mtls.server.keystore.private-key",
					"mtls.server.keystore.location", "mtls.server.truststore.certificate", "mtls.server.ssl-bundle",
					"mtls.dev-pki.enabled=true", "mtls.server.enabled=false");
	}

	// Locations

	@Test
	void reportsKeystoreLocationNotFound() {
		String missing = this.pki.location("missing.p12");
		assertStartupFailure("mtls.server.keystore.location=" + missing,
				"mtls.server.keystore.password=" + TestPki.PASSWORD,
				"mtls.server.truststore.certificate=" + this.pki.location("ca.crt"))
			.reportsProperty("mtls.server.keystore.location")
			.withProblem("'" + missing + "' does not exist")
			.withAction("Point mtls.server.keystore.location to an existing file", "file:", "classpath:");
	}

	@Test
	void reportsPemCertificateNotFound() {
		String missing = this.pki.location("missing.crt");
		assertStartupFailure("mtls.server.keystore.certificate=" + missing,
				"mtls.server.keystore.private-key=" + this.pki.location("server.key"),
				"mtls.server.truststore.certificate=" + this.pki.location("ca.crt"))
			.reportsProperty("mtls.server.keystore.certificate")
			.withProblem("'" + missing + "' does not exist")
			.withAction("Point mtls.server.keystore.certificate to an existing file");
	}

	// Passwords

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "server.p12", "server.jks" })
	void reportsWrongKeystorePassword(String keyStore) {
		assertStartupFailure("mtls.server.keystore.location=" + this.pki.location(keyStore),
				"mtls.server.keystore.password=" + WRONG_PASSWORD,
				"mtls.server.truststore.certificate=" + this.pki.location("ca.crt"))
			.reportsProperty("mtls.server.keystore.password")
			.withProblem("password does not open '" + this.pki.location(keyStore) + "'")
			.withAction("Set mtls.server.keystore.password to the password the store was created with");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "trust.p12", "trust.jks" })
	void reportsWrongTruststorePassword(String trustStore) {
		assertStartupFailure("mtls.server.keystore.certificate=" + this.pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + this.pki.location("server.key"),
				"mtls.server.truststore.location=" + this.pki.location(trustStore),
				"mtls.server.truststore.password=" + WRONG_PASSWORD)
			.reportsProperty("mtls.server.truststore.password")
			.withProblem("password does not open '" + this.pki.location(trustStore) + "'")
			.withAction("Set mtls.server.truststore.password to the password the store was created with");
	}

	@Test
	void reportsWrongKeyPassword() {
		String keyStore = writeJksWithKeyPassword("server-key-password.jks", "the-real-key-password");
		assertStartupFailure("mtls.server.keystore.location=" + keyStore,
				"mtls.server.keystore.password=" + TestPki.PASSWORD,
				"mtls.server.keystore.key-password=" + WRONG_PASSWORD,
				"mtls.server.truststore.certificate=" + this.pki.location("ca.crt"))
			.reportsProperty("mtls.server.keystore.key-password")
			.withProblem("password does not unlock the private key 'server'", keyStore)
			.withAction("Set mtls.server.keystore.key-password to the key's password");
	}

	@Test
	void reportsKeyPasswordNeededWhenItDiffersFromStorePassword() {
		String keyStore = writeJksWithKeyPassword("server-key-password.jks", "the-real-key-password");
		assertStartupFailure("mtls.server.keystore.location=" + keyStore,
				"mtls.server.keystore.password=" + TestPki.PASSWORD,
				"mtls.server.truststore.certificate=" + this.pki.location("ca.crt"))
			.reportsProperty("mtls.server.keystore.password")
			.withProblem("password does not unlock the private key 'server'")
			.withAction("Set mtls.server.keystore.key-password to the key's password",
					"defaults to mtls.server.keystore.password");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "mtls.server.keystore.password", "mtls.server.truststore.password",
			"mtls.server.keystore.key-password" })
	void neverLogsOrReportsTheConfiguredPassword(String passwordProperty, CapturedOutput output) {
		String keyStore = writeJksWithKeyPassword("server-key-password.jks", TestPki.PASSWORD);
		String[] properties = switch (passwordProperty) {
			case "mtls.server.keystore.password" ->
				new String[] { "mtls.server.keystore.location=" + this.pki.location("server.p12"),
						"mtls.server.keystore.password=" + WRONG_PASSWORD,
						"mtls.server.truststore.certificate=" + this.pki.location("ca.crt") };
			case "mtls.server.truststore.password" ->
				new String[] { "mtls.server.keystore.location=" + this.pki.location("server.p12"),
						"mtls.server.keystore.password=" + TestPki.PASSWORD,
						"mtls.server.truststore.location=" + this.pki.location("trust.p12"),
						"mtls.server.truststore.password=" + WRONG_PASSWORD };
			default -> new String[] { "mtls.server.keystore.location=" + keyStore,
					"mtls.server.keystore.password=" + TestPki.PASSWORD,
					"mtls.server.keystore.key-password=" + WRONG_PASSWORD,
					"mtls.server.truststore.certificate=" + this.pki.location("ca.crt") };
		};
		StartupFailure failure = assertStartupFailure(properties).reportsProperty(passwordProperty);
		// The report reached the log through the registered failure analyzer...
		assertThat(output).contains("APPLICATION FAILED TO START", "Property: " + passwordProperty);
		// ...and neither the log, the report nor any exception message tells the
		// password.
		assertThat(output.getAll()).doesNotContain(WRONG_PASSWORD);
		assertThat(failure.analysis().getDescription()).doesNotContain(WRONG_PASSWORD);
		assertThat(failure.analysis().getAction()).doesNotContain(WRONG_PASSWORD);
		assertThat(stackTrace(failure.thrown())).doesNotContain(WRONG_PASSWORD);
	}

	// Key entries

	@Test
	void reportsKeyAliasNotFound() {
		assertStartupFailure("mtls.server.keystore.location=" + this.pki.location("server.p12"),
				"mtls.server.keystore.password=" + TestPki.PASSWORD, "mtls.server.keystore.key-alias=nope",
				"mtls.server.truststore.certificate=" + this.pki.location("ca.crt"))
			.reportsProperty("mtls.server.keystore.key-alias")
			.withProblem("alias 'nope' is not a key entry", "[server]")
			.withAction("Set mtls.server.keystore.key-alias to one of [server]");
	}

	@Test
	void reportsSeveralKeyEntriesWithoutKeyAlias() {
		String keyStore = writeKeyStore("two-keys.p12", "PKCS12", (store) -> {
			store.setKeyEntry("server", this.pki.server().privateKey(), TestPki.PASSWORD.toCharArray(),
					this.pki.server().chain().toArray(new X509Certificate[0]));
			store.setKeyEntry("other", this.pki.client().privateKey(), TestPki.PASSWORD.toCharArray(),
					this.pki.client().chain().toArray(new X509Certificate[0]));
		});
		assertStartupFailure("mtls.server.keystore.location=" + keyStore,
				"mtls.server.keystore.password=" + TestPki.PASSWORD,
				"mtls.server.truststore.certificate=" + this.pki.location("ca.crt"))
			.reportsProperty("mtls.server.keystore.key-alias")
			.withProblem("holds several key entries", "server", "other", "none is selected")
			.withAction("Set mtls.server.keystore.key-alias to the entry to use");
	}

	@Test
	void reportsPrivateKeyThatDoesNotMatchCertificate() {
		String foreignKey = this.pki.write("client.key", this.pki.client().privateKeyPem());
		assertStartupFailure("mtls.server.keystore.certificate=" + this.pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + foreignKey,
				"mtls.server.truststore.certificate=" + this.pki.location("ca.crt"))
			.reportsProperty("mtls.server.keystore.private-key")
			.withProblem("private key does not belong to certificate 'CN=localhost'")
			.withAction("Configure the private key that was used to create the certificate");
	}

	// PEM content

	@Test
	void reportsGarbageInsteadOfPemCertificate() {
		String garbage = this.pki.write("garbage.crt", "this is not a certificate\n");
		assertStartupFailure(pemIdentity(garbage, this.pki.location("server.key")))
			.reportsProperty("mtls.server.keystore.certificate")
			.withProblem("'" + garbage + "' does not contain PEM certificates")
			.withAction("Check that mtls.server.keystore.certificate points to PEM certificates",
					"'-----BEGIN ...-----' blocks", "the file is complete");
	}

	@Test
	void reportsTruncatedPemCertificate() {
		String pem = this.pki.server().certificatePem();
		String truncated = this.pki.write("truncated.crt", pem.substring(0, pem.indexOf("-----END")));
		assertStartupFailure(pemIdentity(truncated, this.pki.location("server.key")))
			.reportsProperty("mtls.server.keystore.certificate")
			.withProblem("'" + truncated + "' does not contain PEM certificates")
			.withAction("the file is complete");
	}

	@Test
	void reportsUnparseablePrivateKey() {
		String garbage = this.pki.write("garbage.key",
				"-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
		assertStartupFailure(pemIdentity(this.pki.location("server.crt"), garbage))
			.reportsProperty("mtls.server.keystore.private-key")
			.withProblem("'" + garbage + "' does not contain a PEM private key")
			.withAction("Check that mtls.server.keystore.private-key points to a PEM private key");
	}

	@Test
	void reportsEncryptedPrivateKeyWithoutPassword() {
		String encrypted = this.pki.write("encrypted.key", encryptedPem(this.pki.server(), "key-secret"));
		assertStartupFailure(pemIdentity(this.pki.location("server.crt"), encrypted))
			.reportsProperty("mtls.server.keystore.private-key-password")
			.withProblem("'" + encrypted + "' is encrypted and no password is set")
			.withAction("Set mtls.server.keystore.private-key-password to the key's password");
	}

	@Test
	void reportsEncryptedPrivateKeyWithWrongPassword() {
		String encrypted = this.pki.write("encrypted.key", encryptedPem(this.pki.server(), "key-secret"));
		assertStartupFailure(Stream
			.concat(Stream.of(pemIdentity(this.pki.location("server.crt"), encrypted)),
					Stream.of("mtls.server.keystore.private-key-password=" + WRONG_PASSWORD))
			.toArray(String[]::new)).reportsProperty("mtls.server.keystore.private-key-password")
			.withProblem("cannot be decrypted with the configured password")
			.withAction("Set mtls.server.keystore.private-key-password to the key's password");
	}

	// Trust anchors

	@Test
	void reportsEmptyPkcs12Truststore() {
		String empty = writeKeyStore("empty-trust.p12", "PKCS12", (store) -> {
		});
		assertStartupFailure("mtls.server.keystore.certificate=" + this.pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + this.pki.location("server.key"),
				"mtls.server.truststore.location=" + empty, "mtls.server.truststore.password=" + TestPki.PASSWORD)
			.reportsProperty("mtls.server.truststore.location")
			.withProblem("'" + empty + "' holds no certificate to trust")
			.withAction(
					"Add the CA certificates that issue the trusted certificates to mtls.server.truststore.location");
	}

	@Test
	void reportsPemTrustDirectoryWithoutCertificateFiles() throws IOException {
		Path trustDirectory = Files.createDirectories(this.pki.path("trusted"));
		Files.writeString(trustDirectory.resolve("README.txt"), "CA certificates go here");
		Files.writeString(trustDirectory.resolve("ca.pem.disabled"), this.pki.ca().certificatePem());
		String location = "file:" + trustDirectory;
		assertStartupFailure("mtls.server.keystore.certificate=" + this.pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + this.pki.location("server.key"),
				"mtls.server.truststore.certificate=" + location)
			.reportsProperty("mtls.server.truststore.certificate")
			.withProblem("'" + location + "' holds no certificate to trust")
			.withAction("to mtls.server.truststore.certificate");
	}

	// Validity

	@Test
	void reportsExpiredServerCertificate() {
		Instant notAfter = Instant.now().minus(Duration.ofDays(1));
		IssuedCertificate expired = CertificateBuilder.endEntity("CN=localhost")
			.dnsNames("localhost")
			.serverAuth()
			.validFrom(notAfter.minus(Duration.ofDays(30)))
			.validUntil(notAfter)
			.issuedBy(this.pki.ca())
			.issue();
		assertStartupFailure(pemIdentity(expired)).reportsProperty("mtls.server.keystore")
			.withProblem(
					"server certificate 'CN=localhost' expired on " + expired.certificate().getNotAfter().toInstant())
			.withAction("Renew the server certificate");
	}

	@Test
	void reportsServerCertificateNotYetValid() {
		Instant notBefore = Instant.now().plus(Duration.ofDays(2));
		IssuedCertificate future = CertificateBuilder.endEntity("CN=localhost")
			.dnsNames("localhost")
			.serverAuth()
			.validFrom(notBefore)
			.validUntil(notBefore.plus(Duration.ofDays(30)))
			.issuedBy(this.pki.ca())
			.issue();
		assertStartupFailure(pemIdentity(future)).reportsProperty("mtls.server.keystore")
			.withProblem("server certificate 'CN=localhost' is not valid before "
					+ future.certificate().getNotBefore().toInstant())
			.withAction("Check the system clock");
	}

	@Test
	void reportsExpiredCertificateOfSslBundle() {
		Instant notAfter = Instant.now().minus(Duration.ofDays(1));
		IssuedCertificate expired = CertificateBuilder.endEntity("CN=localhost")
			.validFrom(notAfter.minus(Duration.ofDays(30)))
			.validUntil(notAfter)
			.issuedBy(this.pki.ca())
			.issue();
		assertStartupFailure(
				"spring.ssl.bundle.pem.partner-facing.keystore.certificate="
						+ this.pki.write("expired.crt", expired.chainPem()),
				"spring.ssl.bundle.pem.partner-facing.keystore.private-key="
						+ this.pki.write("expired.key", expired.privateKeyPem()),
				"spring.ssl.bundle.pem.partner-facing.truststore.certificate=" + this.pki.location("ca.crt"),
				"mtls.server.ssl-bundle=partner-facing")
			.reportsProperty("mtls.server.ssl-bundle")
			.withProblem("server certificate 'CN=localhost' expired on")
			.withAction("Renew the server certificate");
	}

	@Test
	void warnsAboutServerCertificateExpiringWithinFourteenDays(CapturedOutput output) throws Exception {
		IssuedCertificate expiring = TestPki.server(this.pki.ca(), Instant.now().plus(Duration.ofDays(7)));
		try (ConfigurableApplicationContext context = this.stack.run(pemIdentity(expiring))) {
			// The TLS handshake completes; what the application answers is not the point.
			HttpResponse<String> response = MtlsClient.of(this.pki.client(), this.pki.ca())
				.get("https://localhost:" + TestServerApplication.mtlsPort(context) + "/hello");
			assertThat(response.statusCode()).isPositive();
		}
		assertThat(output.getOut().lines()).anySatisfy(
				(line) -> assertThat(line).contains("WARN", "server certificate 'CN=localhost'", expiring.fingerprint(),
						"expires in 6 days", "within mtls.expiry.warning-threshold of 14 days", "Renew it"));
	}

	@Test
	void doesNotWarnAboutServerCertificateValidForLonger(CapturedOutput output) {
		try (ConfigurableApplicationContext context = this.stack.run(this.pki.pemServerProperties())) {
			assertThat(context.isRunning()).isTrue();
		}
		assertThat(output).doesNotContain("expires in");
	}

	// Client authentication

	@ParameterizedTest(name = "client-auth={0}")
	@ValueSource(strings = { "need", "want" })
	void reportsClientAuthWithoutTruststore(String clientAuth) {
		assertStartupFailure("mtls.server.client-auth=" + clientAuth,
				"mtls.server.keystore.certificate=" + this.pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + this.pki.location("server.key"))
			.reportsProperty("mtls.server.truststore")
			.withProblem("mtls.server.client-auth is '" + clientAuth + "' but no trusted client CA is configured")
			.withAction("Set mtls.server.truststore.certificate", "mtls.server.truststore.location",
					"mtls.server.client-auth=none");
	}

	@Test
	void startsWithoutTruststoreWhenClientAuthIsNone() throws Exception {
		try (ConfigurableApplicationContext context = this.stack.run("mtls.server.client-auth=none",
				"mtls.server.keystore.certificate=" + this.pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + this.pki.location("server.key"))) {
			// A client without certificate completes the TLS handshake; what the
			// application answers is not the point.
			HttpResponse<String> response = MtlsClient.of(null, this.pki.ca())
				.get("https://localhost:" + TestServerApplication.mtlsPort(context) + "/hello");
			assertThat(response.statusCode()).isPositive();
		}
	}

	@Test
	void reportsSslBundleWithoutTrustWhenClientAuthIsNeed() {
		assertStartupFailure(
				"spring.ssl.bundle.pem.partner-facing.keystore.certificate=" + this.pki.location("server.crt"),
				"spring.ssl.bundle.pem.partner-facing.keystore.private-key=" + this.pki.location("server.key"),
				"mtls.server.ssl-bundle=partner-facing")
			.reportsProperty("mtls.server.ssl-bundle")
			.withProblem("mtls.server.client-auth is 'need' but no trusted client CA is configured");
	}

	@Test
	void reportsTruststoreWithoutKeystore() {
		assertStartupFailure("mtls.server.truststore.certificate=" + this.pki.location("ca.crt"))
			.reportsProperty("mtls.server.keystore")
			.withProblem("trusted client CAs are configured but no server identity")
			.withAction("mtls.server.keystore.certificate", "mtls.server.keystore.private-key",
					"mtls.server.keystore.location");
	}

	// Conflicts

	@Test
	void reportsServerSslAndMtlsOnTheMainConnector() {
		assertStartupFailure(Stream
			.concat(Stream.of(this.pki.pemServerProperties()),
					Stream.of("server.ssl.certificate=" + this.pki.location("server.crt"),
							"server.ssl.certificate-private-key=" + this.pki.location("server.key")))
			.toArray(String[]::new)).reportsProperty("server.ssl")
			.withProblem("both server.ssl.* and mtls.server.* configure TLS for the connector on server.port")
			.withAction("Remove the server.ssl.* properties", "mtls.server.port", "mtls.server.enabled=false");
	}

	@Test
	void acceptsServerSslBesideMtlsOnDedicatedPort() {
		try (ConfigurableApplicationContext context = this.stack.run(Stream
			.concat(Stream.of(this.pki.pemServerProperties()),
					Stream.of("mtls.server.port=0", "server.ssl.certificate=" + this.pki.location("server.crt"),
							"server.ssl.certificate-private-key=" + this.pki.location("server.key")))
			.toArray(String[]::new))) {
			assertThat(TestServerApplication.mtlsPort(context)).isNotEqualTo(TestServerApplication.serverPort(context));
		}
	}

	@Test
	void reportsUnknownSslBundle() {
		assertStartupFailure("mtls.server.ssl-bundle=missing").reportsProperty("mtls.server.ssl-bundle")
			.withProblem("no SSL bundle named 'missing' is configured")
			.withAction("spring.ssl.bundle.pem.missing.", "spring.ssl.bundle.jks.missing.",
					"correct mtls.server.ssl-bundle");
	}

	@Test
	void reportsSslBundleTogetherWithKeystore() {
		assertStartupFailure(
				"spring.ssl.bundle.pem.partner-facing.keystore.certificate=" + this.pki.location("server.crt"),
				"spring.ssl.bundle.pem.partner-facing.keystore.private-key=" + this.pki.location("server.key"),
				"spring.ssl.bundle.pem.partner-facing.truststore.certificate=" + this.pki.location("ca.crt"),
				"mtls.server.ssl-bundle=partner-facing",
				"mtls.server.keystore.certificate=" + this.pki.location("server.crt"),
				"mtls.server.keystore.private-key=" + this.pki.location("server.key"))
			.reportsProperty("mtls.server.ssl-bundle")
			.withProblem("both mtls.server.ssl-bundle and mtls.server.keystore/truststore are configured")
			.withAction("Use either an SSL bundle or the mtls.server.keystore/truststore properties, not both");
	}

	// Helpers

	private String[] pemIdentity(String certificate, String privateKey) {
		return new String[] { "mtls.server.keystore.certificate=" + certificate,
				"mtls.server.keystore.private-key=" + privateKey,
				"mtls.server.truststore.certificate=" + this.pki.location("ca.crt") };
	}

	private String[] pemIdentity(IssuedCertificate server) {
		String name = "server-" + server.fingerprint().substring(0, 8);
		return pemIdentity(this.pki.write(name + ".crt", server.chainPem()),
				this.pki.write(name + ".key", server.privateKeyPem()));
	}

	private String writeJksWithKeyPassword(String name, String keyPassword) {
		return writeKeyStore(name, "JKS", (store) -> store.setKeyEntry("server", this.pki.server().privateKey(),
				keyPassword.toCharArray(), this.pki.server().chain().toArray(new X509Certificate[0])));
	}

	/**
	 * Write a key store protected by {@link TestPki#PASSWORD}.
	 */
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

	static String encryptedPem(IssuedCertificate certificate, String password) {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(new JcaPKCS8Generator(certificate.privateKey(),
					new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
						.setProvider(new BouncyCastleProvider())
						.setPassword(password.toCharArray())
						.build()));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return out.toString();
	}

	private static String stackTrace(Throwable throwable) {
		StringWriter out = new StringWriter();
		throwable.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

	/**
	 * Start the application, expect it to fail because of an
	 * {@link MtlsMaterialException}, and analyze the failure like Spring Boot does.
	 */
	StartupFailure assertStartupFailure(String... properties) {
		Throwable thrown = catchThrowable(() -> this.stack.run(properties).close());
		assertThat(thrown).as("startup failure").isNotNull();
		MtlsMaterialException exception = findMaterialException(thrown);
		assertThat(exception).as("MtlsMaterialException in the cause chain of %s", thrown).isNotNull();
		FailureAnalysis analysis = MtlsFailureAnalysis.analyze(thrown);
		assertThat(analysis).as("failure analysis").isNotNull();
		assertThat(analysis.getCause()).isSameAs(exception);
		return new StartupFailure(thrown, exception, analysis);
	}

	private static MtlsMaterialException findMaterialException(Throwable thrown) {
		for (Throwable candidate = thrown; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof MtlsMaterialException materialException) {
				return materialException;
			}
		}
		return null;
	}

	@FunctionalInterface
	private interface KeyStoreContent {

		void fill(KeyStore store) throws Exception;

	}

	record StartupFailure(Throwable thrown, MtlsMaterialException exception, FailureAnalysis analysis) {

		StartupFailure reportsProperty(String property) {
			assertThat(this.exception.getProperty()).isEqualTo(property);
			assertThat(this.analysis.getDescription()).contains("Property: " + property + System.lineSeparator());
			return this;
		}

		StartupFailure withProblem(String... fragments) {
			assertThat(this.analysis.getDescription()).contains("Problem:").contains(fragments);
			return this;
		}

		StartupFailure withAction(String... fragments) {
			assertThat(this.analysis.getAction()).contains(fragments);
			return this;
		}

	}

}
