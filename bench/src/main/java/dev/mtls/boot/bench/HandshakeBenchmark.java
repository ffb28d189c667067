package dev.mtls.boot.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
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
 * Yardstick for the per-request costs: one small HTTP/1.1 request over mutual TLS 1.3 on
 * loopback, against a plain JSSE server in the same JVM (not Tomcat, not Spring: see
 * README). Client and server both run on this machine, so the score is the whole round
 * trip, both sides' cryptography included.
 * <ul>
 * <li>{@code fullHandshake}: new TCP connection and full mTLS handshake per request (the
 * session is invalidated, so nothing is resumed).</li>
 * <li>{@code resumedHandshake}: new TCP connection per request, TLS 1.3 session
 * resumption (PSK): no certificate is sent or verified, which is why the starter
 * re-validates the chain per request when revocation checking is on.</li>
 * <li>{@code reusedConnection}: one request on an established connection
 * (keep-alive).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandshakeBenchmark {

	private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
		.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
		.getBytes(StandardCharsets.US_ASCII);

	@Param({ "EC" })
	public String keyType;

	private SSLServerSocket server;

	private ExecutorService executor;

	private SSLContext clientContext;

	private SSLSocket kept;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		IssuedCertificate ca = key(CertificateBuilder.ca("CN=Bench Root CA")).issue();
		IssuedCertificate serverCert = key(CertificateBuilder.endEntity("CN=localhost")).serverAuth()
			.dnsNames("localhost")
			.ipAddresses("127.0.0.1")
			.issuedBy(ca)
			.issue();
		IssuedCertificate clientCert = key(CertificateBuilder.endEntity("CN=alice")).clientAuth().issuedBy(ca).issue();
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", ca.certificate());
		SSLContext serverContext = context(serverCert, trust);
		this.clientContext = context(clientCert, trust);
		this.server = (SSLServerSocket) serverContext.getServerSocketFactory()
			.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.server.setNeedClientAuth(true);
		this.server.setEnabledProtocols(new String[] { "TLSv1.3" });
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "bench-tls-server");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.execute(this::accept);
		this.kept = connect();
	}

	private CertificateBuilder key(CertificateBuilder builder) {
		return "RSA".equals(this.keyType) ? builder.rsa(2048) : builder.ec(256);
	}

	private static SSLContext context(IssuedCertificate identity, KeyStore trust) throws Exception {
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(identity.toKeyStore("PKCS12", "identity", "secret"), "secret".toCharArray());
		TrustManagerFactory trusts = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trusts.init(trust);
		SSLContext context = SSLContext.getInstance("TLSv1.3");
		context.init(keys.getKeyManagers(), trusts.getTrustManagers(), null);
		return context;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				// Without this, Nagle + delayed ACK add ~40 ms to every handshake.
				socket.setTcpNoDelay(true);
				this.executor.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private static void serve(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			while (readRequest(in)) {
				out.write(RESPONSE);
				out.flush();
			}
		}
		catch (IOException ex) {
			// client went away
		}
	}

	private static boolean readRequest(InputStream in) throws IOException {
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				return false;
			}
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return true;
	}

	private SSLSocket connect() throws IOException {
		SSLSocket socket = (SSLSocket) this.clientContext.getSocketFactory()
			.createSocket(InetAddress.getLoopbackAddress(), this.server.getLocalPort());
		socket.setTcpNoDelay(true);
		socket.startHandshake();
		return socket;
	}

	private static int exchange(SSLSocket socket) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(REQUEST);
		out.flush();
		InputStream in = socket.getInputStream();
		int read = 0;
		byte[] buffer = new byte[RESPONSE.length];
		while (read < RESPONSE.length) {
			int n = in.read(buffer, read, RESPONSE.length - read);
			if (n < 0) {
				throw new IOException("connection closed after " + read + " bytes");
			}
			read += n;
		}
		return read;
	}

	@Benchmark
	public int fullHandshake() throws IOException {
		try (SSLSocket socket = connect()) {
			socket.getSession().invalidate();
			return exchange(socket);
		}
	}

	@Benchmark
	public int resumedHandshake() throws IOException {
		try (SSLSocket socket = connect()) {
			return exchange(socket);
		}
	}

	@Benchmark
	public int reusedConnection() throws IOException {
		return exchange(this.kept);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		this.kept.close();
		this.server.close();
		this.executor.shutdownNow();
	}

}
