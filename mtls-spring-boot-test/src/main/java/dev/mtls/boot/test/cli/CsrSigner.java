package dev.mtls.boot.test.cli;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import dev.mtls.boot.devpki.IssuedCertificate;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.jspecify.annotations.Nullable;

/**
 * Signs a partner's PKCS#10 certificate signing request with the CA, for a client
 * identity only: the request's signature must verify with the key it carries (proof that
 * the partner holds the private key, which never leaves the partner), the key must be
 * strong enough, the request must not ask for a CA, and the certificate gets the extended
 * key usage clientAuth and nothing else, for a bounded validity.
 */
final class CsrSigner {

	/** Longest validity a partner certificate may get. */
	static final int MAX_DAYS = 397;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final IssuedCertificate ca;

	private final int minRsaBits;

	private final int minEcBits;

	CsrSigner(IssuedCertificate ca, int minRsaBits, int minEcBits) {
		this.ca = ca;
		this.minRsaBits = minRsaBits;
		this.minEcBits = minEcBits;
	}

	static PKCS10CertificationRequest read(Path file) throws IOException {
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException("no CSR at " + file);
		}
		try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
			Object object;
			try {
				object = parser.readObject();
			}
			catch (IOException | RuntimeException ex) {
				throw new IllegalArgumentException(
						file + " is not a PEM certificate signing request: " + ex.getMessage());
			}
			if (object instanceof PKCS10CertificationRequest request) {
				return request;
			}
			throw new IllegalArgumentException(file + " holds no PKCS#10 certificate signing request "
					+ "(-----BEGIN CERTIFICATE REQUEST-----); create one with: openssl req -new -newkey rsa:3072 "
					+ "-nodes -keyout partner.key -out partner.csr -subj \"/CN=partner\"");
		}
	}

	/**
	 * Sign a request.
	 * @param request the partner's request
	 * @param subjectOverride the subject to use instead of the request's, or {@code null}
	 * @param days the validity in days
	 * @param uris URI subject alternative names
	 * @param emails email subject alternative names
	 * @return the certificate
	 */
	X509Certificate sign(PKCS10CertificationRequest request, @Nullable String subjectOverride, int days,
			List<String> uris, List<String> emails) throws GeneralSecurityException, IOException {
		PublicKey publicKey = verify(request);
		checkKeySize(publicKey);
		Extensions requested = requestedExtensions(request);
		refuseCaRequest(requested);
		refuseOtherPurposes(requested);
		// Parsed as RFC 4514 by the JDK: the last RDN written is the first encoded.
		X500Name subject = (subjectOverride != null)
				? X500Name.getInstance(new X500Principal(subjectOverride).getEncoded()) : request.getSubject();
		if (subject.getRDNs().length == 0) {
			throw new IllegalArgumentException(
					"the CSR has an empty subject: pass --subject \"CN=partner,O=Partner Inc\"");
		}
		if (days > MAX_DAYS) {
			throw new IllegalArgumentException(
					"--days " + days + " is longer than a partner certificate may live (" + MAX_DAYS + " days)");
		}
		Instant notBefore = Instant.now().minus(Duration.ofMinutes(5));
		Instant notAfter = Instant.now().plus(Duration.ofDays(days));
		if (notAfter.isAfter(this.ca.certificate().getNotAfter().toInstant())) {
			throw new IllegalArgumentException("--days " + days + " would outlive the CA, which expires "
					+ this.ca.certificate().getNotAfter().toInstant() + ": choose fewer days or renew the CA");
		}
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.ca.certificate(),
				new BigInteger(159, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter), subject,
				publicKey);
		JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
		builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
		builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
		builder.addExtension(Extension.authorityKeyIdentifier, false,
				utils.createAuthorityKeyIdentifier(this.ca.certificate()));
		List<GeneralName> names = new ArrayList<>();
		uris.forEach((uri) -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
		emails.forEach((email) -> names.add(new GeneralName(GeneralName.rfc822Name, email)));
		if (!names.isEmpty()) {
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(names.toArray(new GeneralName[0])));
		}
		try {
			String algorithm = "EC".equals(this.ca.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
			ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(this.ca.privateKey());
			return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
		}
		catch (OperatorCreationException ex) {
			throw new GeneralSecurityException("cannot sign with the CA key: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The request's signature must verify with its own public key: the partner holds the
	 * key, and nobody altered the request on its way.
	 */
	private static PublicKey verify(PKCS10CertificationRequest request) throws GeneralSecurityException {
		PublicKey publicKey;
		try {
			publicKey = new JcaPKCS10CertificationRequest(request).getPublicKey();
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("the CSR's public key cannot be read: " + ex.getMessage());
		}
		boolean valid;
		try {
			valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey));
		}
		catch (OperatorCreationException | PKCSException ex) {
			valid = false;
		}
		if (!valid) {
			throw new IllegalArgumentException("the CSR's signature does not verify with its public key: it was "
					+ "altered, or not signed by the holder of the key; ask the partner for a new CSR");
		}
		return publicKey;
	}

	private void checkKeySize(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			int bits = rsa.getModulus().bitLength();
			if (bits < this.minRsaBits) {
				throw new IllegalArgumentException("the CSR's RSA key has " + bits + " bits, fewer than the minimum "
						+ this.minRsaBits + " (--min-rsa-bits); ask the partner for a stronger key");
			}
		}
		else if (key instanceof ECPublicKey ec) {
			int bits = ec.getParams().getOrder().bitLength();
			if (bits < this.minEcBits) {
				throw new IllegalArgumentException("the CSR's EC key has " + bits + " bits, fewer than the minimum "
						+ this.minEcBits + "; ask the partner for a P-256 or larger key");
			}
		}
		else {
			throw new IllegalArgumentException(
					"the CSR's key is " + key.getAlgorithm() + "; only RSA and EC keys are signed");
		}
	}

	private static @Nullable Extensions requestedExtensions(PKCS10CertificationRequest request) {
		for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
			if (attribute.getAttributeValues().length > 0) {
				return Extensions.getInstance(attribute.getAttributeValues()[0]);
			}
		}
		return null;
	}

	private static void refuseCaRequest(@Nullable Extensions requested) {
		if (requested == null) {
			return;
		}
		BasicConstraints constraints = BasicConstraints.fromExtensions(requested);
		if (constraints != null && constraints.isCA()) {
			throw new IllegalArgumentException(
					"the CSR asks for a CA certificate (basicConstraints CA:TRUE); partners get client certificates only");
		}
		KeyUsage usage = KeyUsage.fromExtensions(requested);
		if (usage != null && (usage.hasUsages(KeyUsage.keyCertSign) || usage.hasUsages(KeyUsage.cRLSign))) {
			throw new IllegalArgumentException(
					"the CSR asks for keyCertSign or cRLSign key usage, a CA's; partners get "
							+ "client certificates only");
		}
	}

	private static void refuseOtherPurposes(@Nullable Extensions requested) {
		ExtendedKeyUsage usage = (requested != null) ? ExtendedKeyUsage.fromExtensions(requested) : null;
		if (usage == null) {
			return;
		}
		for (KeyPurposeId purpose : usage.getUsages()) {
			if (!KeyPurposeId.id_kp_clientAuth.equals(purpose)) {
				ASN1ObjectIdentifier oid = purpose.toOID();
				throw new IllegalArgumentException("the CSR asks for extended key usage " + oid
						+ (KeyPurposeId.id_kp_serverAuth.equals(purpose) ? " (serverAuth)" : "")
						+ "; partner certificates are for clientAuth only");
			}
		}
	}

}
