package dev.mtls.boot.revocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import dev.mtls.boot.devpki.IssuedCertificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds CRLs with Bouncy Castle for tests: the CA's own, one signed by another key of
 * the CA (separate CRL-signing certificate, key rollover), indirect ones and delta CRLs.
 */
final class TestCrl {

	private final X500Principal issuer;

	private PrivateKey signingKey;

	private X509Certificate signingCertificate;

	private Instant thisUpdate = Instant.now().minus(Duration.ofMinutes(5));

	private Instant nextUpdate = Instant.now().plus(Duration.ofDays(1));

	private BigInteger number = BigInteger.ONE;

	private BigInteger deltaOf;

	private boolean indirect;

	private final List<Entry> entries = new ArrayList<>();

	private TestCrl(X500Principal issuer) {
		this.issuer = issuer;
	}

	/**
	 * A CRL of {@code ca}, signed with the CA's key.
	 */
	static TestCrl of(IssuedCertificate ca) {
		return new TestCrl(ca.certificate().getSubjectX500Principal()).signedBy(ca);
	}

	/**
	 * Sign with the key of {@code signer} (its certificate gives the authority key
	 * identifier).
	 */
	TestCrl signedBy(IssuedCertificate signer) {
		this.signingKey = signer.privateKey();
		this.signingCertificate = signer.certificate();
		return this;
	}

	TestCrl revoke(IssuedCertificate... certificates) {
		for (IssuedCertificate certificate : certificates) {
			this.entries.add(new Entry(certificate.certificate().getSerialNumber(), null));
		}
		return this;
	}

	/**
	 * Revoke a certificate of another issuer, in an indirect CRL.
	 */
	TestCrl revokeOf(IssuedCertificate certificate, X500Principal certificateIssuer) {
		this.entries.add(new Entry(certificate.certificate().getSerialNumber(), certificateIssuer));
		return this;
	}

	TestCrl indirect() {
		this.indirect = true;
		return this;
	}

	TestCrl delta(BigInteger baseNumber) {
		this.deltaOf = baseNumber;
		return this;
	}

	TestCrl number(long number) {
		this.number = BigInteger.valueOf(number);
		return this;
	}

	TestCrl nextUpdate(Instant nextUpdate) {
		this.nextUpdate = nextUpdate;
		return this;
	}

	TestCrl thisUpdate(Instant thisUpdate) {
		this.thisUpdate = thisUpdate;
		return this;
	}

	X509CRL build() {
		try {
			X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(this.issuer.getEncoded()),
					Date.from(this.thisUpdate));
			builder.setNextUpdate(Date.from(this.nextUpdate));
			builder.addExtension(Extension.cRLNumber, false, new CRLNumber(this.number));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(this.signingCertificate));
			if (this.deltaOf != null) {
				builder.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(this.deltaOf));
			}
			if (this.indirect) {
				builder.addExtension(Extension.issuingDistributionPoint, true,
						new IssuingDistributionPoint(null, false, false, null, true, false));
			}
			Date revokedAt = Date.from(Instant.now().minus(Duration.ofMinutes(1)));
			for (Entry entry : this.entries) {
				if (entry.certificateIssuer() == null) {
					builder.addCRLEntry(entry.serial(), revokedAt, CRLReason.keyCompromise);
				}
				else {
					ExtensionsGenerator extensions = new ExtensionsGenerator();
					extensions.addExtension(Extension.reasonCode, false, CRLReason.lookup(CRLReason.keyCompromise));
					extensions.addExtension(Extension.certificateIssuer, true, new GeneralNames(
							new GeneralName(X500Name.getInstance(entry.certificateIssuer().getEncoded()))));
					builder.addCRLEntry(entry.serial(), revokedAt, extensions.generate());
				}
			}
			String algorithm = "RSA".equals(this.signingKey.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
			return new JcaX509CRLConverter()
				.getCRL(builder.build(new JcaContentSignerBuilder(algorithm).build(this.signingKey)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Write the CRL, DER-encoded.
	 * @return its {@code file:} location
	 */
	String write(Path file) {
		try {
			Files.write(file, build().getEncoded());
			return "file:" + file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (java.security.cert.CRLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Entry(BigInteger serial, X500Principal certificateIssuer) {
	}

}
