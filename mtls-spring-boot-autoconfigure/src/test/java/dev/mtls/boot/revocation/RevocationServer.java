package dev.mtls.boot.revocation;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mtls.boot.devpki.IssuedCertificate;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A CA's revocation services on loopback: a CRL at {@code /ca.crl} and an OCSP responder
 * at {@code /ocsp}, both signed by the CA with Bouncy Castle, answering from the current
 * sets of revoked and unknown serial numbers.
 */
final class RevocationServer implements AutoCloseable {

	private final IssuedCertificate ca;

	private final HttpServer server;

	private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();

	private final Set<BigInteger> unknown = ConcurrentHashMap.newKeySet();

	private final AtomicInteger ocspRequests = new AtomicInteger();

	private final AtomicInteger crlNumber = new AtomicInteger(1);

	RevocationServer(IssuedCertificate ca) throws IOException {
		this.ca = ca;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/ca.crl", (exchange) -> respond(exchange, "application/pkix-crl", crl()));
		this.server.createContext("/ocsp", (exchange) -> {
			this.ocspRequests.incrementAndGet();
			respond(exchange, "application/ocsp-response", ocsp(exchange.getRequestBody().readAllBytes()));
		});
		this.server.start();
	}

	void revoke(IssuedCertificate certificate) {
		this.revoked.add(certificate.certificate().getSerialNumber());
	}

	void markUnknown(IssuedCertificate certificate) {
		this.unknown.add(certificate.certificate().getSerialNumber());
	}

	String crlUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/ca.crl";
	}

	String ocspUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/ocsp";
	}

	int ocspRequests() {
		return this.ocspRequests.get();
	}

	byte[] crl() {
		try {
			Instant now = Instant.now();
			X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(this.ca.certificate().getSubjectX500Principal(),
					Date.from(now.minusSeconds(60)));
			builder.setNextUpdate(Date.from(now.plus(Duration.ofHours(1))));
			builder.addExtension(org.bouncycastle.asn1.x509.Extension.cRLNumber, false,
					new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(this.crlNumber.incrementAndGet())));
			for (BigInteger serial : this.revoked) {
				builder.addCRLEntry(serial, Date.from(now.minusSeconds(30)), CRLReason.keyCompromise);
			}
			return new JcaX509CRLConverter().getCRL(builder.build(signer())).getEncoded();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] ocsp(byte[] requestBytes) {
		try {
			OCSPReq request = new OCSPReq(requestBytes);
			X509CertificateHolder caHolder = new JcaX509CertificateHolder(this.ca.certificate());
			BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(this.ca.certificate().getPublicKey(),
					new JcaDigestCalculatorProviderBuilder().build().get(org.bouncycastle.cert.ocsp.RespID.HASH_SHA1));
			Instant now = Instant.now();
			for (Req single : request.getRequestList()) {
				BigInteger serial = single.getCertID().getSerialNumber();
				CertificateStatus status = this.revoked.contains(serial)
						? new RevokedStatus(Date.from(now.minusSeconds(30)), CRLReason.keyCompromise)
						: this.unknown.contains(serial) ? new UnknownStatus() : CertificateStatus.GOOD;
				builder.addResponse(single.getCertID(), status, Date.from(now.minusSeconds(60)),
						Date.from(now.plus(Duration.ofMinutes(10))));
			}
			BasicOCSPResp response = builder.build(signer(), new X509CertificateHolder[] { caHolder }, Date.from(now));
			return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, response).getEncoded();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ContentSigner signer() throws Exception {
		return new JcaContentSignerBuilder("SHA256withECDSA").build(this.ca.privateKey());
	}

	private static void respond(HttpExchange exchange, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
