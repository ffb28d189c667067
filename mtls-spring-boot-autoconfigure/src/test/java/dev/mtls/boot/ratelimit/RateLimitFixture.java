package dev.mtls.boot.ratelimit;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.MtlsClient;
import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.TestServerApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link RateLimitTestApplication} over real TLS ({@code client-auth=want}, so that calls
 * without a certificate reach Spring Security), with the given properties.
 */
final class RateLimitFixture implements AutoCloseable {

	final ConfigurableApplicationContext context;

	private final TestPki pki;

	RateLimitFixture(TestPki pki, String... properties) {
		this.pki = pki;
		String[] all = Stream
			.of(pki.pemServerProperties(),
					new String[] { "mtls.server.client-auth=want", "mtls.rate-limit.enabled=true" }, properties)
			.flatMap(Stream::of)
			.toArray(String[]::new);
		this.context = TestServerApplication.runSecured(RateLimitTestApplication.SOURCES, all);
	}

	static RateLimitFixture start(Path directory, String... properties) {
		return new RateLimitFixture(new TestPki(directory), properties);
	}

	HttpResponse<String> get(IssuedCertificate identity, String path) throws Exception {
		return MtlsClient.of(identity, this.pki.ca()).get(url(path));
	}

	String url(String path) {
		return "https://localhost:" + TestServerApplication.mtlsPort(this.context) + path;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
