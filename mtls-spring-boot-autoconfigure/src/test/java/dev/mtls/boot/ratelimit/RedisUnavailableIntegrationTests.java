package dev.mtls.boot.ratelimit;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.TestPki;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mtls.rate-limit.store=redis} with nothing listening on the Redis port: the
 * application starts, and each request is refused with 503 or let through, as
 * {@code mtls.rate-limit.redis.when-unavailable} says, logged and counted either way.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisUnavailableIntegrationTests {

	@TempDir
	Path directory;

	private TestPki pki;

	private IssuedCertificate alice;

	private int closedPort;

	@BeforeEach
	void setUp() throws Exception {
		this.pki = new TestPki(this.directory);
		this.alice = CertificateBuilder.endEntity("CN=alice").clientAuth().issuedBy(this.pki.ca()).issue();
		this.closedPort = RedisRateLimitContainerTests.freePort();
	}

	private RateLimitFixture start(String whenUnavailable) {
		return new RateLimitFixture(this.pki, "mtls.rate-limit.store=redis", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + this.closedPort, "mtls.rate-limit.tiers.basic.limits[0].capacity=5",
				"mtls.rate-limit.default-tier=basic", "mtls.rate-limit.redis.when-unavailable=" + whenUnavailable);
	}

	@Test
	void refuseAnswers503WithAProblemBodyLogsAndCounts(CapturedOutput output) throws Exception {
		try (RateLimitFixture app = start("refuse")) {
			HttpResponse<String> response = app.get(this.alice, "/api/tier");
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(JsonPath.parse(response.body()).read("$.detail", String.class))
				.isEqualTo("The rate limit cannot be checked at the moment; retry later.");
			assertThat(app.get(this.alice, "/api/tier").statusCode()).isEqualTo(503);
			MeterRegistry registry = app.context.getBean(MeterRegistry.class);
			assertThat(registry.get("mtls.rate-limit.store.unavailable").tag("outcome", "refused").counter().count())
				.isEqualTo(2.0);
			assertThat(registry.get("mtls.rate-limit.refusals").tag("reason", "store-unavailable").counter().count())
				.isEqualTo(2.0);
			assertThat(output).contains("Rate-limit buckets in Redis are unavailable")
				.contains("refused with 503 as mtls.rate-limit.redis.when-unavailable=refuse says");
		}
	}

	@Test
	void allowLetsRequestsThroughUnlimitedLogsAndCounts(CapturedOutput output) throws Exception {
		try (RateLimitFixture app = start("allow")) {
			for (int i = 0; i < 7; i++) {
				HttpResponse<String> response = app.get(this.alice, "/api/tier");
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(JsonPath.parse(response.body()).read("$.tier", String.class)).isEqualTo("basic");
				assertThat(response.headers().firstValue("RateLimit")).isEmpty();
			}
			MeterRegistry registry = app.context.getBean(MeterRegistry.class);
			assertThat(registry.get("mtls.rate-limit.store.unavailable").tag("outcome", "allowed").counter().count())
				.isEqualTo(7.0);
			assertThat(output).contains("let through unlimited as mtls.rate-limit.redis.when-unavailable=allow says");
		}
	}

}
