package dev.mtls.boot.proxy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.mtls.boot.bench.Chains;
import dev.mtls.boot.devpki.IssuedCertificate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link ForwardedCertificateFormat#parse}: decoding the client certificate a
 * TLS-terminating proxy forwards in a header, done on every request when
 * {@code mtls.proxy} is enabled. The certificate is an EC P-256 client leaf (about 600
 * bytes DER).
 * <ul>
 * <li>{@code xfcc}: Envoy style
 * {@code Hash=...;Cert="<url-encoded PEM>";Subject="...";URI=...} (tokenizing,
 * percent-decoding, PEM and X.509 parsing, SHA-256 of the leaf to check
 * {@code Hash}).</li>
 * <li>{@code pemUrlencoded}: nginx {@code $ssl_client_escaped_cert}.</li>
 * <li>{@code derBase64}: HAProxy / Traefik / Azure base64 DER.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ForwardedHeaderBenchmark {

	private String xfcc;

	private String pemUrlencoded;

	private String derBase64;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		IssuedCertificate leaf = Chains.issue("EC", 2).leaf();
		String escapedPem = URLEncoder.encode(leaf.certificatePem(), StandardCharsets.UTF_8).replace("+", "%20");
		this.xfcc = "By=spiffe://bench.example/ns/default/sa/api;Hash=" + leaf.fingerprint() + ";Cert=\"" + escapedPem
				+ "\";Subject=\"CN=alice,OU=payments,O=mtls-bench\";URI=spiffe://bench.example/ns/default/sa/alice";
		this.pemUrlencoded = escapedPem;
		this.derBase64 = Base64.getEncoder().encodeToString(leaf.certificate().getEncoded());
		// Sanity checks: every format yields the leaf.
		for (List<X509Certificate> parsed : List.of(xfcc(), pemUrlencoded(), derBase64())) {
			if (parsed.size() != 1 || !parsed.get(0).equals(leaf.certificate())) {
				throw new IllegalStateException("unexpected parse result " + parsed);
			}
		}
	}

	@Benchmark
	public List<X509Certificate> xfcc() {
		return ForwardedCertificateFormat.XFCC.parse(this.xfcc, null, MtlsProxyProperties.XfccElement.ONLY);
	}

	@Benchmark
	public List<X509Certificate> pemUrlencoded() {
		return ForwardedCertificateFormat.PEM_URLENCODED.parse(this.pemUrlencoded, null,
				MtlsProxyProperties.XfccElement.ONLY);
	}

	@Benchmark
	public List<X509Certificate> derBase64() {
		return ForwardedCertificateFormat.DER_BASE64.parse(this.derBase64, null, MtlsProxyProperties.XfccElement.ONLY);
	}

}
