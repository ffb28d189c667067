package dev.mtls.boot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;

/**
 * A PKI issued per test in a temporary directory: a trusted CA with a server certificate
 * for localhost and a client certificate, plus an unrelated CA with its own client, all
 * written as PEM, PKCS12 and JKS.
 */
public final class TestPki {

	public static final String PASSWORD = "secret-store-password";

	private final Path directory;

	private final IssuedCertificate ca;

	private final IssuedCertificate server;

	private final IssuedCertificate client;

	private final IssuedCertificate otherCa;

	private final IssuedCertificate untrustedClient;

	public TestPki(Path directory) {
		this.directory = directory;
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.ca = CertificateBuilder.ca("CN=Test CA,O=mtls tests").issue();
		this.server = server(this.ca, Instant.now().plus(Duration.ofDays(90)));
		this.client = CertificateBuilder.endEntity("CN=alice,O=mtls tests").clientAuth().issuedBy(this.ca).issue();
		this.otherCa = CertificateBuilder.ca("CN=Other CA").issue();
		this.untrustedClient = CertificateBuilder.endEntity("CN=mallory").clientAuth().issuedBy(this.otherCa).issue();
		write("ca.crt", this.ca.certificatePem());
		write("other-ca.crt", this.otherCa.certificatePem());
		this.server.writePem(path("server.crt"), path("server.key"));
		this.server.writeKeyStore(path("server.p12"), "PKCS12", "server", PASSWORD);
		this.server.writeKeyStore(path("server.jks"), "JKS", "server", PASSWORD);
		writeTrustStore("trust.p12", "PKCS12");
		writeTrustStore("trust.jks", "JKS");
	}

	/**
	 * Issue a server certificate for localhost signed by {@code issuer}.
	 */
	public static IssuedCertificate server(IssuedCertificate issuer, Instant notAfter) {
		return CertificateBuilder.endEntity("CN=localhost")
			.dnsNames("localhost")
			.ipAddresses("127.0.0.1")
			.serverAuth()
			.validUntil(notAfter)
			.issuedBy(issuer)
			.issue();
	}

	public IssuedCertificate ca() {
		return this.ca;
	}

	public IssuedCertificate server() {
		return this.server;
	}

	public IssuedCertificate client() {
		return this.client;
	}

	public IssuedCertificate untrustedClient() {
		return this.untrustedClient;
	}

	public Path path(String name) {
		return this.directory.resolve(name);
	}

	/**
	 * Return a {@code file:} location for a file of this PKI.
	 */
	public String location(String name) {
		return "file:" + path(name);
	}

	/**
	 * Write a file into this PKI's directory.
	 * @return its {@code file:} location
	 */
	public String write(String name, String content) {
		try {
			Files.writeString(path(name), content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return location(name);
	}

	/**
	 * Properties for a server identity and client trust from PEM files.
	 */
	public String[] pemServerProperties() {
		return new String[] { "mtls.server.keystore.certificate=" + location("server.crt"),
				"mtls.server.keystore.private-key=" + location("server.key"),
				"mtls.server.truststore.certificate=" + location("ca.crt") };
	}

	private void writeTrustStore(String name, String type) {
		try (var out = Files.newOutputStream(path(name))) {
			var keyStore = java.security.KeyStore.getInstance(type);
			keyStore.load(null, null);
			keyStore.setCertificateEntry("ca", this.ca.certificate());
			keyStore.store(out, PASSWORD.toCharArray());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
