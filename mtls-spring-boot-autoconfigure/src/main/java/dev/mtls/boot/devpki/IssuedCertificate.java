package dev.mtls.boot.devpki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.mtls.boot.pki.CertificateFingerprint;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * A certificate issued by {@link CertificateBuilder}, with its private key and chain, and
 * ways to write them as PEM, PKCS12 or JKS.
 *
 * @param certificate the certificate
 * @param privateKey its private key
 * @param chain the certificate followed by its issuers up to the root
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

	/**
	 * Return the certificate as PEM.
	 * @return one {@code CERTIFICATE} block
	 */
	public String certificatePem() {
		return pem(List.of(this.certificate));
	}

	/**
	 * Return the certificate followed by its intermediates (without a self-signed root)
	 * as PEM, the form servers send.
	 * @return the PEM blocks
	 */
	public String chainPem() {
		return pem(this.chain.stream()
			.filter((cert) -> cert == this.certificate
					|| !cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
			.toList());
	}

	/**
	 * Return the private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}), which
	 * OpenSSL 3, nginx and curl all read.
	 * @return the PEM block
	 */
	public String privateKeyPem() {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(new JcaPKCS8Generator(this.privateKey, null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/**
	 * Return the SHA-256 fingerprint of the certificate.
	 * @return lower-case hex
	 */
	public String fingerprint() {
		return CertificateFingerprint.sha256(this.certificate);
	}

	/**
	 * Return a key store holding the private key and chain under {@code alias}.
	 * @param type {@code PKCS12} or {@code JKS}
	 * @param alias the entry alias
	 * @param password the store and key password
	 * @return the key store
	 */
	public KeyStore toKeyStore(String type, String alias, String password) {
		try {
			KeyStore keyStore = KeyStore.getInstance(type);
			keyStore.load(null, null);
			keyStore.setKeyEntry(alias, this.privateKey, password.toCharArray(),
					this.chain.toArray(new X509Certificate[0]));
			return keyStore;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Unable to create " + type + " key store: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Write the certificate chain and key to PEM files.
	 * @param certificateFile file for {@link #chainPem()}
	 * @param keyFile file for {@link #privateKeyPem()}
	 */
	public void writePem(Path certificateFile, Path keyFile) {
		write(certificateFile, chainPem());
		write(keyFile, privateKeyPem());
	}

	/**
	 * Write a key store file.
	 * @param file the file
	 * @param type {@code PKCS12} or {@code JKS}
	 * @param alias the entry alias
	 * @param password the store and key password
	 */
	public void writeKeyStore(Path file, String type, String alias, String password) {
		try (OutputStream out = Files.newOutputStream(file)) {
			toKeyStore(type, alias, password).store(out, password.toCharArray());
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Unable to write " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Write certificates as PEM to a string.
	 * @param certificates the certificates
	 * @return the PEM blocks
	 */
	public static String pem(List<X509Certificate> certificates) {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			for (X509Certificate certificate : certificates) {
				writer.writeObject(certificate);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	private static void write(Path file, String content) {
		try {
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
