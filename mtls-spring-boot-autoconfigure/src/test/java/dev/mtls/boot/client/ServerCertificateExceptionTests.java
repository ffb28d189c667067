package dev.mtls.boot.client;

import java.nio.file.Path;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Whatever HTTP client uses a client's SSL bundle, a refused server certificate surfaces
 * as a public {@link ServerCertificateException} with its reason.
 */
class ServerCertificateExceptionTests {

	@TempDir
	Path directory;

	@Test
	void handshakeWithTheBundleDirectlyExposesTheReasonAndTheClient() throws Exception {
		TestPki pki = new TestPki(this.directory);
		try (ConfigurableApplicationContext context = TestServerApplication.run(pki.pemServerProperties()[0],
				pki.pemServerProperties()[1], pki.pemServerProperties()[2], "mtls.server.client-auth=want",
				"mtls.client.truststore.certificate=" + pki.location("other-ca.crt"))) {
			SSLContext sslContext = context.getBean(SslBundles.class)
				.getBundle(MtlsClients.DEFAULT_BUNDLE_NAME)
				.createSslContext();
			try (SSLSocket socket = (SSLSocket) sslContext.getSocketFactory()
				.createSocket("localhost", TestServerApplication.serverPort(context))) {
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				socket.setSSLParameters(parameters);
				assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(socket::startHandshake)
					.satisfies((ex) -> {
						ServerCertificateException refused = find(ex);
						assertThat(refused).isNotNull();
						assertThat(refused.getReason()).isEqualTo(MtlsClientException.Reason.SERVER_UNTRUSTED);
						assertThat(refused.getClientName()).isEqualTo(MtlsClients.DEFAULT_CLIENT_NAME);
					});
			}
		}
	}

	private static ServerCertificateException find(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ServerCertificateException refused) {
				return refused;
			}
		}
		return null;
	}

}
