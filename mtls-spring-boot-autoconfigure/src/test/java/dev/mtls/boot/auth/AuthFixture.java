package dev.mtls.boot.auth;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;
import dev.mtls.boot.testing.WebStack;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts {@link AuthTestApplication} (or, on the reactive stack,
 * {@link ReactiveAuthTestApplication}) over real TLS with {@code client-auth=want} (so
 * that requests without a certificate reach Spring Security) and issues client
 * certificates from the trusted test CA.
 */
final class AuthFixture implements AutoCloseable {

	final TestPki pki;

	final ConfigurableApplicationContext context;

	private final WebStack stack;

	private AuthFixture(TestPki pki, ConfigurableApplicationContext context, WebStack stack) {
		this.pki = pki;
		this.context = context;
		this.stack = stack;
	}

	static AuthFixture start(Path directory, String... properties) {
		return start(WebStack.SERVLET, directory, properties);
	}

	static AuthFixture start(WebStack stack, Path directory, String... properties) {
		TestPki pki = new TestPki(directory);
		Class<?>[] sources = (stack == WebStack.SERVLET) ? AuthTestApplication.SOURCES
				: ReactiveAuthTestApplication.SOURCES;
		return new AuthFixture(pki, TestServerApplication.runSecured(stack, sources, pki, "want", properties), stack);
	}

	CertificateBuilder client(String subject) {
		return CertificateBuilder.endEntity(subject).clientAuth().issuedBy(this.pki.ca());
	}

	HttpResponse<String> get(IssuedCertificate identity, String path) throws Exception {
		return MtlsClient.of(identity, this.pki.ca()).get(url(path));
	}

	String url(String path) {
		return "https://localhost:" + TestServerApplication.securePort(this.stack, this.context) + path;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
