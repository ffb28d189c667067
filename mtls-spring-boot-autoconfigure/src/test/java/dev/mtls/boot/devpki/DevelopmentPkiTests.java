package dev.mtls.boot.devpki;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DevelopmentPkiTests {

	@TempDir
	Path directory;

	@Test
	void generatesCaServerAndClientCertificates() throws Exception {
		DevelopmentPki pki = new DevelopmentPki(this.directory);
		assertThat(pki.ensure()).isTrue();
		X509Certificate ca = read(pki.caCertificate());
		X509Certificate server = read(pki.serverCertificate());
		assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
		server.verify(ca.getPublicKey());
		assertThat(server.getSubjectAlternativeNames().stream().map((name) -> String.valueOf(name.get(1))))
			.containsExactlyInAnyOrder("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
		for (String client : List.of("alice", "admin-client")) {
			X509Certificate certificate = read(pki.clientCertificate(client));
			certificate.verify(ca.getPublicKey());
			assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + client);
			assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
			KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(pki.clientPkcs12(client))) {
				pkcs12.load(in, DevelopmentPki.PKCS12_PASSWORD.toCharArray());
			}
			assertThat(pkcs12.isKeyEntry(client)).isTrue();
			assertThat(Files.readString(pki.clientKey(client))).startsWith("-----BEGIN PRIVATE KEY-----");
		}
	}

	@Test
	void keepsPrivateKeysReadableByOwnerOnly() throws Exception {
		DevelopmentPki pki = new DevelopmentPki(this.directory);
		pki.ensure();
		assertThat(Files.getPosixFilePermissions(pki.serverKey()))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
	}

	@Test
	void reusesFilesOnLaterStarts() throws Exception {
		DevelopmentPki pki = new DevelopmentPki(this.directory);
		pki.ensure();
		String ca = Files.readString(pki.caCertificate());
		assertThat(new DevelopmentPki(this.directory).ensure()).isFalse();
		assertThat(Files.readString(pki.caCertificate())).isEqualTo(ca);
	}

	@Test
	void regeneratesWhenCertificatesNearExpiry() throws Exception {
		new DevelopmentPki(this.directory).ensure();
		String ca = Files.readString(this.directory.resolve("ca.crt"));
		Clock in85Days = Clock.fixed(Instant.now().plus(Duration.ofDays(85)), ZoneOffset.UTC);
		assertThat(new DevelopmentPki(this.directory, in85Days).ensure()).isTrue();
		assertThat(Files.readString(this.directory.resolve("ca.crt"))).isNotEqualTo(ca);
	}

	@Test
	void regeneratesWhenAFileIsMissing() throws Exception {
		DevelopmentPki pki = new DevelopmentPki(this.directory);
		pki.ensure();
		Files.delete(pki.clientKey("alice"));
		assertThat(pki.ensure()).isTrue();
		assertThat(pki.clientKey("alice")).isRegularFile();
	}

	private static X509Certificate read(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

}
