package dev.mtls.boot.devpki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Issues X.509 certificates with Bouncy Castle for development and tests: certificate
 * authorities, intermediates, servers and clients with chosen subject, SANs, key usages,
 * validity and extensions.
 *
 * <pre class="code">
 * IssuedCertificate ca = CertificateBuilder.ca("CN=Test CA").issue();
 * IssuedCertificate alice = CertificateBuilder.endEntity("CN=alice").clientAuth().issuedBy(ca).issue();
 * </pre>
 *
 * Never use what it issues in production: keys are generated in memory and written
 * unencrypted.
 */
public final class CertificateBuilder {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final X500Name subject;

	private final boolean ca;

	private @Nullable IssuedCertificate issuer;

	private Instant notBefore;

	private Instant notAfter;

	private final List<GeneralName> subjectAltNames = new ArrayList<>();

	private final List<KeyPurposeId> extendedKeyUsages = new ArrayList<>();

	private Integer keyUsage;

	private final List<ExtensionValue> extensions = new ArrayList<>();

	private String keyAlgorithm = "EC";

	private int keySize = 256;

	private @Nullable String signatureAlgorithm;

	private CertificateBuilder(String subject, boolean ca) {
		// Parsed by the JDK so that RFC 4514 order (most specific first) is kept.
		this.subject = X500Name.getInstance(new X500Principal(subject).getEncoded());
		this.ca = ca;
		this.keyUsage = ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
				: KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
		Instant now = Instant.now();
		this.notBefore = now.minus(Duration.ofHours(1));
		this.notAfter = now.plus(ca ? Duration.ofDays(365) : Duration.ofDays(90));
	}

	/**
	 * Start a certificate authority (self-signed unless {@link #issuedBy} is called).
	 * @param subject the subject DN in RFC 4514 form
	 * @return the builder
	 */
	public static CertificateBuilder ca(String subject) {
		return new CertificateBuilder(subject, true);
	}

	/**
	 * Start an end-entity certificate (server or client).
	 * @param subject the subject DN in RFC 4514 form
	 * @return the builder
	 */
	public static CertificateBuilder endEntity(String subject) {
		return new CertificateBuilder(subject, false);
	}

	public CertificateBuilder issuedBy(IssuedCertificate issuer) {
		this.issuer = issuer;
		return this;
	}

	public CertificateBuilder validFrom(Instant notBefore) {
		this.notBefore = notBefore;
		return this;
	}

	public CertificateBuilder validUntil(Instant notAfter) {
		this.notAfter = notAfter;
		return this;
	}

	public CertificateBuilder validFor(Duration validity) {
		this.notAfter = this.notBefore.plus(validity).plus(Duration.ofHours(1));
		return this;
	}

	public CertificateBuilder dnsNames(String... names) {
		for (String name : names) {
			this.subjectAltNames.add(new GeneralName(GeneralName.dNSName, name));
		}
		return this;
	}

	public CertificateBuilder ipAddresses(String... addresses) {
		for (String address : addresses) {
			this.subjectAltNames.add(new GeneralName(GeneralName.iPAddress, address));
		}
		return this;
	}

	public CertificateBuilder uris(String... uris) {
		for (String uri : uris) {
			this.subjectAltNames.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
		}
		return this;
	}

	public CertificateBuilder emails(String... emails) {
		for (String email : emails) {
			this.subjectAltNames.add(new GeneralName(GeneralName.rfc822Name, email));
		}
		return this;
	}

	/**
	 * Add the serverAuth extended key usage.
	 * @return the builder
	 */
	public CertificateBuilder serverAuth() {
		this.extendedKeyUsages.add(KeyPurposeId.id_kp_serverAuth);
		return this;
	}

	/**
	 * Add the clientAuth extended key usage.
	 * @return the builder
	 */
	public CertificateBuilder clientAuth() {
		this.extendedKeyUsages.add(KeyPurposeId.id_kp_clientAuth);
		return this;
	}

	/**
	 * Add an extended key usage by OID.
	 * @param oid the key purpose OID
	 * @return the builder
	 */
	public CertificateBuilder extendedKeyUsage(String oid) {
		this.extendedKeyUsages.add(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)));
		return this;
	}

	/**
	 * Set the key usage bits ({@link KeyUsage} constants), or {@code null} to omit the
	 * extension.
	 * @param keyUsage the bits
	 * @return the builder
	 */
	public CertificateBuilder keyUsage(Integer keyUsage) {
		this.keyUsage = keyUsage;
		return this;
	}

	/**
	 * Add an extension.
	 * @param oid the extension OID
	 * @param critical whether the extension is critical
	 * @param value the DER-encoded extension value
	 * @return the builder
	 */
	public CertificateBuilder extension(String oid, boolean critical, byte[] value) {
		this.extensions.add(new ExtensionValue(new ASN1ObjectIdentifier(oid), critical, value));
		return this;
	}

	/**
	 * Use an RSA key of the given size instead of the default EC P-256 key.
	 * @param bits the modulus size
	 * @return the builder
	 */
	public CertificateBuilder rsa(int bits) {
		this.keyAlgorithm = "RSA";
		this.keySize = bits;
		return this;
	}

	/**
	 * Use an EC key on the named curve size (256, 384 or 521).
	 * @param bits the curve size
	 * @return the builder
	 */
	public CertificateBuilder ec(int bits) {
		this.keyAlgorithm = "EC";
		this.keySize = bits;
		return this;
	}

	/**
	 * Sign with this JCA algorithm instead of SHA-256 with the issuer's key type.
	 * @param algorithm for example {@code SHA1withRSA}
	 * @return the builder
	 */
	public CertificateBuilder signatureAlgorithm(String algorithm) {
		this.signatureAlgorithm = algorithm;
		return this;
	}

	/**
	 * Generate the key pair and issue the certificate.
	 * @return the certificate, its private key and its chain
	 */
	public IssuedCertificate issue() {
		try {
			KeyPair keyPair = generateKeyPair();
			KeyPair signingKeys = (this.issuer != null)
					? new KeyPair(this.issuer.certificate().getPublicKey(), this.issuer.privateKey()) : keyPair;
			X500Name issuerName = (this.issuer != null)
					? X500Name.getInstance(this.issuer.certificate().getSubjectX500Principal().getEncoded())
					: this.subject;
			BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial,
					Date.from(this.notBefore), Date.from(this.notAfter), this.subject, keyPair.getPublic());
			addExtensions(builder, keyPair, signingKeys);
			String algorithm = (this.signatureAlgorithm != null) ? this.signatureAlgorithm
					: defaultSignatureAlgorithm(signingKeys.getPrivate().getAlgorithm());
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signingKeys.getPrivate())));
			List<X509Certificate> chain = new ArrayList<>();
			chain.add(certificate);
			if (this.issuer != null) {
				chain.addAll(this.issuer.chain());
			}
			return new IssuedCertificate(certificate, keyPair.getPrivate(), chain);
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Unable to issue certificate for " + this.subject + ": " + ex.getMessage(),
					ex);
		}
	}

	private void addExtensions(X509v3CertificateBuilder builder, KeyPair keyPair, KeyPair signingKeys)
			throws GeneralSecurityException, IOException {
		JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
		builder.addExtension(Extension.basicConstraints, this.ca,
				this.ca ? new BasicConstraints(true) : new BasicConstraints(false));
		builder.addExtension(Extension.subjectKeyIdentifier, false,
				utils.createSubjectKeyIdentifier(keyPair.getPublic()));
		builder.addExtension(Extension.authorityKeyIdentifier, false,
				utils.createAuthorityKeyIdentifier(signingKeys.getPublic()));
		if (this.keyUsage != null) {
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(this.keyUsage));
		}
		if (!this.extendedKeyUsages.isEmpty()) {
			builder.addExtension(Extension.extendedKeyUsage, false,
					new ExtendedKeyUsage(this.extendedKeyUsages.toArray(new KeyPurposeId[0])));
		}
		if (!this.subjectAltNames.isEmpty()) {
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(this.subjectAltNames.toArray(new GeneralName[0])));
		}
		for (ExtensionValue extension : this.extensions) {
			builder.addExtension(extension.oid(), extension.critical(), ASN1Primitive.fromByteArray(extension.value()));
		}
	}

	private KeyPair generateKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance(this.keyAlgorithm);
		if ("EC".equals(this.keyAlgorithm)) {
			generator.initialize(new ECGenParameterSpec("secp" + this.keySize + "r1"), RANDOM);
		}
		else {
			generator.initialize(this.keySize, RANDOM);
		}
		return generator.generateKeyPair();
	}

	private String defaultSignatureAlgorithm(String keyAlgorithm) {
		return "RSA".equals(keyAlgorithm) ? "SHA256withRSA" : "SHA256withECDSA";
	}

	private record ExtensionValue(ASN1ObjectIdentifier oid, boolean critical, byte[] value) {
	}

}
