package dev.mtls.boot.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.mtls.boot.auth.CertificateRejectedException;
import dev.mtls.boot.bench.Chains;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.pki.CertificatePathValidation;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link PkixChainVerifier#verify} with {@code mtls.revocation.mode=crl} and one CRL of
 * {@code crlEntries} revoked serials read from a {@code file:} location. The refresh
 * period is one hour, so this is the steady state: the CRL is parsed once and the JDK's
 * verdict for the chain is remembered until the CRL changes ({@code verify}, the cache
 * hit path of every request after a client's first). {@code jdkPkixWithCrl} is what
 * every request cost before that, and what a client's first request (a verdict miss)
 * still costs: JDK PKIX validation plus the JDK's CRL revocation check of the leaf with
 * the same, already parsed and signature-verified {@code X509CRL} in a {@code CertStore}.
 * The client chain is EC P-256, leaf + root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CrlVerifierBenchmark {

	@Param({ "1", "1000", "10000", "100000" })
	public int crlEntries;

	private PkixChainVerifier verifier;

	private List<X509Certificate> chain;

	private Path directory;

	private Set<TrustAnchor> anchors;

	private CertStore crlStore;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		Chains.Chain issued = Chains.issue("EC", 2);
		this.chain = issued.certificates();
		IssuedCertificate revoked = CertificateBuilder.endEntity("CN=mallory")
			.clientAuth()
			.issuedBy(issued.issuer())
			.issue();
		this.directory = Files.createTempDirectory("mtls-bench-crl");
		Path crl = this.directory.resolve("ca.crl");
		Files.write(crl, crl(issued.issuer(), revoked.certificate().getSerialNumber(), this.crlEntries));
		MtlsRevocationProperties properties = new MtlsRevocationProperties();
		properties.setMode(RevocationMode.CRL);
		properties.setCrl(List.of(crl.toUri().toString()));
		properties.setRefreshPeriod(Duration.ofHours(1));
		this.verifier = PkixChainVerifierBenchmark.verifier(issued.trustStore(), properties);
		this.anchors = Set.of(new TrustAnchor(issued.root().certificate(), null));
		try (var in = Files.newInputStream(crl)) {
			this.crlStore = CertStore.getInstance("Collection",
					new CollectionCertStoreParameters(CertificateFactory.getInstance("X.509").generateCRLs(in)));
		}
		jdkPkixWithCrl();
		// Sanity checks: the good chain passes, the revoked one is refused.
		this.verifier.verify(this.chain);
		try {
			this.verifier.verify(revoked.chain());
			throw new IllegalStateException("revoked certificate accepted: the CRL is not used");
		}
		catch (CertificateRejectedException expected) {
			if (!expected.getMessage().contains("revoked")) {
				throw new IllegalStateException("unexpected rejection: " + expected.getMessage());
			}
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		try (var files = Files.list(this.directory)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(this.directory);
	}

	@Benchmark
	public List<X509Certificate> verify() {
		this.verifier.verify(this.chain);
		return this.chain;
	}

	/**
	 * The JDK alone, per request, as {@code PkixChainVerifier} did before verdicts were
	 * remembered.
	 */
	@Benchmark
	public List<X509Certificate> jdkPkixWithCrl() throws GeneralSecurityException {
		CertificatePathValidation.validate(this.chain, this.anchors, (parameters) -> {
			parameters.addCertStore(this.crlStore);
			PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathValidator.getInstance("PKIX")
				.getRevocationChecker();
			checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
					PKIXRevocationChecker.Option.NO_FALLBACK, PKIXRevocationChecker.Option.ONLY_END_ENTITY));
			parameters.setRevocationEnabled(true);
			parameters.addCertPathChecker(checker);
		});
		return this.chain;
	}

	/**
	 * A DER CRL signed by {@code issuer} with {@code entries} revoked serials, one of
	 * them {@code revokedSerial}, the others random.
	 */
	static byte[] crl(IssuedCertificate issuer, BigInteger revokedSerial, int entries) throws Exception {
		Instant now = Instant.now();
		JcaX509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuer.certificate(),
				Date.from(now.minus(Duration.ofMinutes(5))));
		builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
		builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
		builder.addExtension(Extension.authorityKeyIdentifier, false,
				new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
		Date revokedAt = Date.from(now.minus(Duration.ofMinutes(1)));
		builder.addCRLEntry(revokedSerial, revokedAt, CRLReason.keyCompromise);
		SecureRandom random = new SecureRandom();
		for (int i = 1; i < entries; i++) {
			builder.addCRLEntry(new BigInteger(127, random).add(BigInteger.ONE), revokedAt, CRLReason.unspecified);
		}
		String algorithm = "RSA".equals(issuer.privateKey().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
		X509CRLHolder holder = builder.build(new JcaContentSignerBuilder(algorithm).build(issuer.privateKey()));
		return holder.getEncoded();
	}

}
