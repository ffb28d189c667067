package dev.mtls.boot.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import org.jspecify.annotations.Nullable;

/**
 * A throw-away PKI for tests, issued with Bouncy Castle into a directory: a root CA,
 * optional intermediate CAs, a server certificate, and client certificates issued on
 * demand with any subject, SANs, extended key usages, validity or extensions.
 *
 * <pre class="code">
 * MtlsTestPki pki = MtlsTestPki.builder().intermediates(1).build(directory);
 * IssuedCertificate admin = pki.client("CN=admin-client");
 * IssuedCertificate expired = pki.clientBuilder("CN=old")
 *     .validFrom(Instant.now().minus(Duration.ofDays(10)))
 *     .validUntil(Instant.now().minus(Duration.ofDays(1)))
 *     .issue();
 * </pre>
 *
 * Files written: {@code ca.crt}, {@code ca.key}, {@code intermediate-<n>.crt},
 * {@code server.crt} (server certificate and intermediates), {@code server.key},
 * {@code server.p12}, {@code server.jks}, {@code truststore.p12}, {@code truststore.jks};
 * stores use the password {@value #PASSWORD}. Never use any of it outside tests.
 */
public final class MtlsTestPki {

	/**
	 * Password of the key and trust stores written by the PKI.
	 */
	public static final String PASSWORD = "changeit";

	/**
	 * How the server identity and trust are handed to the application.
	 */
	public enum Format {

		/**
		 * {@code server.crt}, {@code server.key} and {@code ca.crt}.
		 */
		PEM,

		/**
		 * {@code server.p12} and {@code truststore.p12}.
		 */
		PKCS12,

		/**
		 * {@code server.jks} and {@code truststore.jks}.
		 */
		JKS

	}

	private final Path directory;

	private final Format format;

	private final IssuedCertificate ca;

	private final List<IssuedCertificate> intermediates;

	private final IssuedCertificate server;

	private @Nullable IssuedCertificate otherCa;

	private MtlsTestPki(Builder builder, Path directory) {
		this.directory = directory.toAbsolutePath();
		this.format = builder.format;
		this.ca = CertificateBuilder.ca(builder.caSubject).validFor(Duration.ofDays(30)).issue();
		List<IssuedCertificate> intermediates = new ArrayList<>();
		IssuedCertificate issuer = this.ca;
		for (int i = 1; i <= builder.intermediates; i++) {
			issuer = CertificateBuilder.ca("CN=mtls-spring-boot-test intermediate " + i + ",O=mtls-spring-boot-test")
				.validFor(Duration.ofDays(30))
				.issuedBy(issuer)
				.issue();
			intermediates.add(issuer);
		}
		this.intermediates = Collections.unmodifiableList(intermediates);
		this.server = CertificateBuilder.endEntity(builder.serverSubject)
			.dnsNames(builder.serverDnsNames.toArray(new String[0]))
			.ipAddresses(builder.serverIpAddresses.toArray(new String[0]))
			.serverAuth()
			.validFor(Duration.ofDays(30))
			.issuedBy(issuer)
			.issue();
		writeFiles();
	}

	/**
	 * Start a PKI with the defaults of {@link MtlsTest}.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	static MtlsTestPki from(MtlsTest annotation, Path directory) {
		return builder().caSubject(annotation.caSubject())
			.intermediates(annotation.intermediates())
			.serverSubject(annotation.serverSubject())
			.serverDnsNames(annotation.serverDnsNames())
			.serverIpAddresses(annotation.serverIpAddresses())
			.format(annotation.format())
			.build(directory);
	}

	/**
	 * Return the self-signed root CA, the one trust anchor of the server and of the
	 * clients made by {@link MtlsTestClients}.
	 * @return the root CA
	 */
	public IssuedCertificate ca() {
		return this.ca;
	}

	/**
	 * Return the intermediate CAs, root side first.
	 * @return the intermediates, possibly empty
	 */
	public List<IssuedCertificate> intermediates() {
		return this.intermediates;
	}

	/**
	 * Return the CA that issues server and client certificates: the last intermediate, or
	 * the root when there is none.
	 * @return the issuing CA
	 */
	public IssuedCertificate issuer() {
		return this.intermediates.isEmpty() ? this.ca : this.intermediates.get(this.intermediates.size() - 1);
	}

	/**
	 * Return the server certificate.
	 * @return the server certificate with its key and chain
	 */
	public IssuedCertificate server() {
		return this.server;
	}

	/**
	 * Issue a client certificate with the clientAuth extended key usage, valid for 30
	 * days.
	 * @param subject the subject DN in RFC 4514 form, for example {@code CN=alice}
	 * @return the certificate with its key and chain
	 */
	public IssuedCertificate client(String subject) {
		return clientBuilder(subject).issue();
	}

	/**
	 * Start a client certificate issued by {@link #issuer()} with the clientAuth extended
	 * key usage, to add SANs, key usages, validity or extensions before
	 * {@link CertificateBuilder#issue() issuing} it.
	 * @param subject the subject DN in RFC 4514 form
	 * @return the builder
	 */
	public CertificateBuilder clientBuilder(String subject) {
		return CertificateBuilder.endEntity(subject).clientAuth().validFor(Duration.ofDays(30)).issuedBy(issuer());
	}

	/**
	 * Issue a client certificate from a CA that the application does not trust.
	 * @param subject the subject DN in RFC 4514 form
	 * @return the certificate with its key and chain
	 */
	public synchronized IssuedCertificate untrustedClient(String subject) {
		if (this.otherCa == null) {
			this.otherCa = CertificateBuilder.ca("CN=untrusted CA,O=mtls-spring-boot-test").issue();
		}
		return CertificateBuilder.endEntity(subject).clientAuth().issuedBy(this.otherCa).issue();
	}

	/**
	 * Return the directory holding the PKI's files.
	 * @return the absolute directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Return a file of the PKI, for example {@code ca.crt}.
	 * @param name the file name
	 * @return the absolute path
	 */
	public Path file(String name) {
		return this.directory.resolve(name);
	}

	/**
	 * Write a certificate's chain and key as {@code <name>.crt}, {@code <name>.key} and
	 * {@code <name>.p12} (password {@value #PASSWORD}) into the PKI's directory, for
	 * tools such as curl.
	 * @param name the base file name
	 * @param certificate the certificate
	 * @return the path of {@code <name>.crt}
	 */
	public Path write(String name, IssuedCertificate certificate) {
		certificate.writePem(file(name + ".crt"), file(name + ".key"));
		certificate.writeKeyStore(file(name + ".p12"), "PKCS12", name, PASSWORD);
		return file(name + ".crt");
	}

	/**
	 * Return the {@code mtls.server.*} properties that make an application serve the
	 * server certificate and trust this PKI's root CA for client certificates.
	 * @return the properties in order
	 */
	public Map<String, String> serverProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		switch (this.format) {
			case PEM -> {
				properties.put("mtls.server.keystore.certificate", location("server.crt"));
				properties.put("mtls.server.keystore.private-key", location("server.key"));
				properties.put("mtls.server.truststore.certificate", location("ca.crt"));
			}
			case PKCS12, JKS -> {
				String extension = (this.format == Format.PKCS12) ? ".p12" : ".jks";
				properties.put("mtls.server.keystore.location", location("server" + extension));
				properties.put("mtls.server.keystore.password", PASSWORD);
				properties.put("mtls.server.keystore.type", this.format.name());
				properties.put("mtls.server.truststore.location", location("truststore" + extension));
				properties.put("mtls.server.truststore.password", PASSWORD);
				properties.put("mtls.server.truststore.type", this.format.name());
			}
		}
		return properties;
	}

	/**
	 * Return an SSL context presenting {@code identity} and trusting this PKI's root CA
	 * with the JDK's PKIX validation.
	 * @param identity the client certificate, or {@code null} to present none
	 * @return the SSL context
	 */
	public SSLContext sslContext(@Nullable IssuedCertificate identity) {
		return MtlsTestClients.sslContext(identity, this.ca);
	}

	private String location(String name) {
		return "file:" + file(name);
	}

	private void writeFiles() {
		try {
			Files.createDirectories(this.directory);
			Files.writeString(file("ca.crt"), this.ca.certificatePem());
			Files.writeString(file("ca.key"), this.ca.privateKeyPem());
			for (int i = 0; i < this.intermediates.size(); i++) {
				Files.writeString(file("intermediate-" + (i + 1) + ".crt"), this.intermediates.get(i).certificatePem());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unable to write the test PKI to " + this.directory, ex);
		}
		this.server.writePem(file("server.crt"), file("server.key"));
		this.server.writeKeyStore(file("server.p12"), "PKCS12", "server", PASSWORD);
		this.server.writeKeyStore(file("server.jks"), "JKS", "server", PASSWORD);
		writeTrustStore(file("truststore.p12"), "PKCS12");
		writeTrustStore(file("truststore.jks"), "JKS");
	}

	private void writeTrustStore(Path file, String type) {
		try (OutputStream out = Files.newOutputStream(file)) {
			KeyStore trustStore = KeyStore.getInstance(type);
			trustStore.load(null, null);
			trustStore.setCertificateEntry("ca", this.ca.certificate());
			trustStore.store(out, PASSWORD.toCharArray());
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to write " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Builder for {@link MtlsTestPki}.
	 */
	public static final class Builder {

		private String caSubject = "CN=mtls-spring-boot-test CA,O=mtls-spring-boot-test";

		private int intermediates;

		private String serverSubject = "CN=localhost";

		private List<String> serverDnsNames = List.of("localhost");

		private List<String> serverIpAddresses = List.of("127.0.0.1", "::1");

		private Format format = Format.PEM;

		private Builder() {
		}

		public Builder caSubject(String subject) {
			this.caSubject = subject;
			return this;
		}

		public Builder intermediates(int count) {
			if (count < 0) {
				throw new IllegalArgumentException("intermediates must not be negative, got " + count);
			}
			this.intermediates = count;
			return this;
		}

		public Builder serverSubject(String subject) {
			this.serverSubject = subject;
			return this;
		}

		public Builder serverDnsNames(String... names) {
			this.serverDnsNames = List.of(names);
			return this;
		}

		public Builder serverIpAddresses(String... addresses) {
			this.serverIpAddresses = List.of(addresses);
			return this;
		}

		public Builder format(Format format) {
			this.format = format;
			return this;
		}

		/**
		 * Issue the PKI and write its files.
		 * @param directory the directory, created when missing
		 * @return the PKI
		 */
		public MtlsTestPki build(Path directory) {
			return new MtlsTestPki(this, directory);
		}

	}

}
