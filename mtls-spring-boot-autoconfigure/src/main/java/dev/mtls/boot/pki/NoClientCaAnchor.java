package dev.mtls.boot.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Stands in the trust store when no client CA is trusted. Tomcat cannot build an
 * {@code SSLContext} on an empty trust store, and an absent one would mean the JVM's
 * default CAs, so "trust nobody" is a trust store holding only this self-signed
 * certificate, whose private key is thrown away as soon as it has signed it: no
 * certificate can ever chain to it. Its name is what a client sees among the server's
 * acceptable CAs.
 */
final class NoClientCaAnchor {

	static final String SUBJECT = "CN=No client CA is trusted,O=mtls-spring-boot";

	private static final X500Principal SUBJECT_PRINCIPAL = new X500Principal(SUBJECT);

	private NoClientCaAnchor() {
	}

	static X509Certificate certificate() {
		return Holder.CERTIFICATE;
	}

	/**
	 * Whether a certificate is the placeholder. Decided by the subject first, so that
	 * listing a real trust store never creates the placeholder (a key pair and a
	 * signature, with Bouncy Castle, at every startup).
	 * @param certificate the certificate
	 * @return whether it is the placeholder
	 */
	static boolean is(X509Certificate certificate) {
		return SUBJECT_PRINCIPAL.equals(certificate.getSubjectX500Principal())
				&& Holder.CERTIFICATE.equals(certificate);
	}

	private static final class Holder {

		private static final X509Certificate CERTIFICATE = create();

		private static X509Certificate create() {
			try {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
				generator.initialize(new ECGenParameterSpec("secp256r1"));
				KeyPair keyPair = generator.generateKeyPair();
				X500Principal subject = SUBJECT_PRINCIPAL;
				Instant now = Instant.now();
				JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
						new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
						Date.from(now.plus(Duration.ofDays(36500))), subject, keyPair.getPublic());
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
				return new JcaX509CertificateConverter().getCertificate(
						builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
			}
			catch (GeneralSecurityException | OperatorCreationException | CertIOException ex) {
				throw new IllegalStateException("Unable to create the placeholder trust anchor: " + ex.getMessage(),
						ex);
			}
		}

	}

}
