package dev.mtls.boot.devpki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A development PKI in a directory: a CA, a server certificate for localhost, and the
 * client certificates {@code alice} and {@code admin-client}, as PEM and PKCS12 (password
 * {@value #PKCS12_PASSWORD}). Files are reused until one of them nears expiry.
 */
public final class DevelopmentPki {

	/**
	 * Password of the generated PKCS12 files.
	 */
	public static final String PKCS12_PASSWORD = "changeit";

	/**
	 * Client certificates generated next to the server's.
	 */
	public static final List<String> CLIENTS = List.of("alice", "admin-client");

	static final Duration RENEW_BEFORE = Duration.ofDays(7);

	private final Path directory;

	private final Clock clock;

	public DevelopmentPki(Path directory) {
		this(directory, Clock.systemUTC());
	}

	DevelopmentPki(Path directory, Clock clock) {
		this.directory = directory.toAbsolutePath().normalize();
		this.clock = clock;
	}

	/**
	 * Make sure the directory holds a usable PKI, generating it when files are missing or
	 * any certificate expires within a week.
	 * @return true when the files were (re)generated, false when reused
	 */
	public boolean ensure() {
		if (isUsable()) {
			return false;
		}
		generate();
		return true;
	}

	public Path directory() {
		return this.directory;
	}

	public Path caCertificate() {
		return this.directory.resolve("ca.crt");
	}

	public Path serverCertificate() {
		return this.directory.resolve("server.crt");
	}

	public Path serverKey() {
		return this.directory.resolve("server.key");
	}

	public Path clientCertificate(String name) {
		return this.directory.resolve(name + ".crt");
	}

	public Path clientKey(String name) {
		return this.directory.resolve(name + ".key");
	}

	public Path clientPkcs12(String name) {
		return this.directory.resolve(name + ".p12");
	}

	private boolean isUsable() {
		Instant renewAt = this.clock.instant().plus(RENEW_BEFORE);
		List<Path> certificates = List.of(caCertificate(), serverCertificate(), clientCertificate(CLIENTS.get(0)),
				clientCertificate(CLIENTS.get(1)));
		List<Path> others = List.of(this.directory.resolve("ca.key"), serverKey(), clientKey(CLIENTS.get(0)),
				clientKey(CLIENTS.get(1)), clientPkcs12(CLIENTS.get(0)), clientPkcs12(CLIENTS.get(1)));
		if (!others.stream().allMatch(Files::isRegularFile)) {
			return false;
		}
		for (Path file : certificates) {
			X509Certificate certificate = readCertificate(file);
			if (certificate == null || certificate.getNotAfter().toInstant().isBefore(renewAt)) {
				return false;
			}
		}
		return true;
	}

	private void generate() {
		try {
			Files.createDirectories(this.directory);
			restrictToOwner(this.directory, "rwx------");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unable to create development PKI directory " + this.directory, ex);
		}
		IssuedCertificate ca = CertificateBuilder.ca("CN=mtls-spring-boot development CA,O=mtls-spring-boot")
			.validFor(Duration.ofDays(365))
			.issue();
		writePem(ca, caCertificate(), this.directory.resolve("ca.key"));
		IssuedCertificate server = CertificateBuilder.endEntity("CN=localhost")
			.dnsNames("localhost")
			.ipAddresses("127.0.0.1", "::1")
			.serverAuth()
			.validFor(Duration.ofDays(90))
			.issuedBy(ca)
			.issue();
		writePem(server, serverCertificate(), serverKey());
		for (String client : CLIENTS) {
			IssuedCertificate certificate = CertificateBuilder.endEntity("CN=" + client)
				.clientAuth()
				.validFor(Duration.ofDays(90))
				.issuedBy(ca)
				.issue();
			writePem(certificate, clientCertificate(client), clientKey(client));
			certificate.writeKeyStore(clientPkcs12(client), "PKCS12", client, PKCS12_PASSWORD);
			restrictToOwner(clientPkcs12(client), "rw-------");
		}
	}

	private static void writePem(IssuedCertificate certificate, Path certificateFile, Path keyFile) {
		certificate.writePem(certificateFile, keyFile);
		restrictToOwner(keyFile, "rw-------");
	}

	private static void restrictToOwner(Path path, String permissions) {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
		catch (UnsupportedOperationException | IOException ex) {
			// Not a POSIX file system (Windows): rely on the user profile's ACLs.
		}
	}

	private static @Nullable X509Certificate readCertificate(Path file) {
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try (InputStream in = Files.newInputStream(file)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (IOException | GeneralSecurityException ex) {
			return null;
		}
	}

}
