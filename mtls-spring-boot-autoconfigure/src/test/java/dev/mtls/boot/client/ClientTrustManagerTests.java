package dev.mtls.boot.client;

import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.mtls.boot.client.MtlsClientException.Reason;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Hostname verification is never skipped silently: without a known host the server
 * certificate is refused, and a connection whose client did not ask the JDK to check the
 * host name gets the check all the same.
 */
class ClientTrustManagerTests {

	private final IssuedCertificate ca = CertificateBuilder.ca("CN=Server CA").issue();

	@Test
	void refusesServerCertificateWhenTheHostIsUnknownAndHostnameVerificationIsOn() {
		IssuedCertificate server = server("localhost");
		ClientTrustManager trustManager = trustManager(true);
		assertThatExceptionOfType(ServerCertificateException.class).isThrownBy(
				() -> trustManager.checkServerTrusted(server.chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.HOSTNAME_MISMATCH))
			.withMessageContaining("the host is unknown");
	}

	@Test
	void acceptsTrustedServerCertificateWithoutHostWhenHostnameVerificationIsOff() throws Exception {
		IssuedCertificate server = server("localhost");
		trustManager(false).checkServerTrusted(server.chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA");
	}

	@Test
	void refusesUntrustedServerCertificateWithoutHostForItsChainFirst() {
		IssuedCertificate stranger = CertificateBuilder.endEntity("CN=localhost")
			.dnsNames("localhost")
			.serverAuth()
			.issuedBy(CertificateBuilder.ca("CN=Stranger CA").issue())
			.issue();
		assertThatExceptionOfType(ServerCertificateException.class)
			.isThrownBy(() -> trustManager(true).checkServerTrusted(stranger.chain().toArray(new X509Certificate[0]),
					"ECDHE_ECDSA"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.SERVER_UNTRUSTED));
	}

	@Test
	void checksTheHostNameEvenWhenTheConnectionDidNotAskForIt() throws Exception {
		Throwable failure = handshakeWithoutEndpointIdentification(server("other.example"), trustManager(true));
		assertThat(failure).isInstanceOf(SSLHandshakeException.class);
		assertThat(serverCertificateException(failure).getReason()).isEqualTo(Reason.HOSTNAME_MISMATCH);
		assertThat(failure).hasMessageContaining("does not match host 'localhost'");
	}

	@Test
	void acceptsAMatchingHostNameWhenTheConnectionDidNotAskForIt() throws Exception {
		assertThat(handshakeWithoutEndpointIdentification(server("localhost"), trustManager(true))).isNull();
	}

	@Test
	void leavesTheHostNameAloneWhenHostnameVerificationIsOff() throws Exception {
		assertThat(handshakeWithoutEndpointIdentification(server("other.example"), trustManager(false))).isNull();
	}

	private IssuedCertificate server(String dnsName) {
		return CertificateBuilder.endEntity("CN=" + dnsName).dnsNames(dnsName).serverAuth().issuedBy(this.ca).issue();
	}

	private ClientTrustManager trustManager(boolean verifyHostname) {
		ClientHandshakeMaterial material = new ClientHandshakeMaterial();
		material.update(null, new ClientTrustManager.Trust(pkix(this.ca), "mtls.client.truststore"));
		return new ClientTrustManager("partner", verifyHostname, ServerPins.parse("mtls.client.pins", List.of()),
				ExpectedServerIdentity.parse("mtls.clients.partner", null, null), List::of, material);
	}

	private static X509ExtendedTrustManager pkix(IssuedCertificate ca) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setCertificateEntry("ca", ca.certificate());
			TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
			factory.init(store);
			return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A raw TLS handshake to {@code localhost} from an {@link SSLSocket} whose parameters
	 * ask for no endpoint identification, as some HTTP clients leave them.
	 * @return the client's failure, or {@code null} when the handshake succeeded
	 */
	private static Throwable handshakeWithoutEndpointIdentification(IssuedCertificate server,
			ClientTrustManager trustManager) throws Exception {
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(server.toKeyStore("PKCS12", "server", "pw"), "pw".toCharArray());
		SSLContext serverContext = SSLContext.getInstance("TLS");
		serverContext.init(keys.getKeyManagers(), null, null);
		SSLContext clientContext = SSLContext.getInstance("TLS");
		clientContext.init(null, new TrustManager[] { trustManager }, null);
		try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
			.createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
				try (SSLSocket socket = (SSLSocket) listener.accept()) {
					socket.startHandshake();
					socket.getOutputStream().write(1);
					socket.getOutputStream().flush();
				}
				catch (IOException ex) {
					// The client refused the server: expected in some tests.
				}
			});
			try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
				.createSocket("localhost", listener.getLocalPort())) {
				assertThat(socket.getSSLParameters().getEndpointIdentificationAlgorithm()).isNull();
				Throwable failure = catchThrowable(() -> {
					socket.startHandshake();
					socket.getInputStream().read();
				});
				accepted.get(30, TimeUnit.SECONDS);
				return failure;
			}
		}
	}

	private static ServerCertificateException serverCertificateException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ServerCertificateException exception) {
				return exception;
			}
		}
		throw new AssertionError("No ServerCertificateException in " + failure, failure);
	}

}
