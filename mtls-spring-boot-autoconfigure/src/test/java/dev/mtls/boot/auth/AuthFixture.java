package dev.mtls.boot.auth;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts {@link AuthTestApplication} over real TLS with {@code client-auth=want} (so that
 * requests without a certificate reach Spring Security) and issues client certificates
 * from the trusted test CA.
 */
final class AuthFixture implements AutoCloseable {

	final TestPki pki;

	final ConfigurableApplicationContext context;

	private AuthFixture(TestPki pki, ConfigurableApplicationContext context) {
		this.pki = pki;
		this.context = context;
	}

	static AuthFixture start(Path directory, String... properties) {
		TestPki pki = new TestPki(directory);
		String[] all = Stream.concat(Stream.of(pki.pemServerProperties()), Stream.of("mtls.server.client-auth=want"))
			.toArray(String[]::new);
		all = Stream.concat(Stream.of(all), Stream.of(properties)).toArray(String[]::new);
		return new AuthFixture(pki, TestServerApplication.runSecured(AuthTestApplication.SOURCES, all));
	}

	CertificateBuilder client(String subject) {
		return CertificateBuilder.endEntity(subject).clientAuth().issuedBy(this.pki.ca());
	}

	HttpResponse<String> get(IssuedCertificate identity, String path) throws Exception {
		return MtlsClient.of(identity, this.pki.ca())
			.get("https://localhost:" + TestServerApplication.mtlsPort(this.context) + path);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
