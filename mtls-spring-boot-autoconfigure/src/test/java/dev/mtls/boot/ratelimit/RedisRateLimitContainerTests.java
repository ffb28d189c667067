package dev.mtls.boot.ratelimit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.testing.TestPki;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buckets in a real Redis (a container from the image {@code .ci/build-test-images.sh}
 * builds from Debian's redis-server package, on the host network over loopback) shared by
 * two application instances: a client that spreads its calls over both is held to its
 * tier. A Redis that stops while the application serves turns into 503s (with
 * {@code when-unavailable=refuse}), not into hanging requests.
 */
@Testcontainers(disabledWithoutDocker = true)
class RedisRateLimitContainerTests {

	@TempDir
	static Path directory;

	private static GenericContainer<?> redis;

	private static int redisPort;

	private static TestPki pki;

	@BeforeAll
	static void startRedis() throws IOException {
		redisPort = freePort();
		redis = new GenericContainer<>(DockerImageName.parse("redis:7")).withNetworkMode("host")
			.withCommand("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1", "--save", "",
					"--appendonly", "no")
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
		redis.start();
		pki = new TestPki(directory);
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.stop();
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static RateLimitFixture instance(String tier, String... more) {
		String[] base = { "mtls.rate-limit.store=redis", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redisPort, "mtls.rate-limit.tiers." + tier + ".principals=alice",
				"mtls.rate-limit.tiers." + tier + ".limits[0].capacity=4",
				"mtls.rate-limit.tiers." + tier + ".limits[0].period=1h" };
		String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
			.toArray(String[]::new);
		return new RateLimitFixture(pki, all);
	}

	@Test
	void clientSpreadingItsCallsOverTwoInstancesIsHeldToItsTier() throws Exception {
		IssuedCertificate alice = CertificateBuilder.endEntity("CN=alice").clientAuth().issuedBy(pki.ca()).issue();
		IssuedCertificate bob = CertificateBuilder.endEntity("CN=bob").clientAuth().issuedBy(pki.ca()).issue();
		try (RateLimitFixture first = instance("shared"); RateLimitFixture second = instance("shared")) {
			RateLimitFixture[] instances = { first, second };
			for (int call = 0; call < 4; call++) {
				HttpResponse<String> response = instances[call % 2].get(alice, "/api/tier");
				assertThat(response.statusCode()).as("call %d", call).isEqualTo(200);
				assertThat(response.headers().firstValue("RateLimit").orElseThrow())
					.startsWith("\"shared\";r=" + (3 - call) + ";t=");
			}
			HttpResponse<String> onFirst = first.get(alice, "/api/tier");
			HttpResponse<String> onSecond = second.get(alice, "/api/tier");
			assertThat(onFirst.statusCode()).isEqualTo(429);
			assertThat(onSecond.statusCode()).isEqualTo(429);
			assertThat(onSecond.headers().firstValue("Retry-After")).isPresent();
			// bob shares no bucket with alice (no tier names him: unlimited).
			assertThat(second.get(bob, "/api/tier").statusCode()).isEqualTo(200);
			double refused = first.context.getBean(MeterRegistry.class)
				.get("mtls.rate-limit.refusals")
				.tag("tier", "shared")
				.counter()
				.count()
					+ second.context.getBean(MeterRegistry.class)
						.get("mtls.rate-limit.refusals")
						.tag("tier", "shared")
						.counter()
						.count();
			assertThat(refused).isEqualTo(2.0);
		}
	}

	@Test
	void redisStoppingWhileServingIsHandledAsUnavailable() throws Exception {
		int port = freePort();
		IssuedCertificate alice = CertificateBuilder.endEntity("CN=alice").clientAuth().issuedBy(pki.ca()).issue();
		try (GenericContainer<?> ownRedis = new GenericContainer<>(DockerImageName.parse("redis:7"))
			.withNetworkMode("host")
			.withCommand("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
					"--appendonly", "no")
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1))) {
			ownRedis.start();
			try (RateLimitFixture app = new RateLimitFixture(pki, "mtls.rate-limit.store=redis",
					"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port,
					"mtls.rate-limit.tiers.basic.limits[0].capacity=100", "mtls.rate-limit.default-tier=basic",
					"mtls.rate-limit.redis.timeout=500ms")) {
				assertThat(app.get(alice, "/api/tier").statusCode()).isEqualTo(200);
				ownRedis.stop();
				// Poll with a deadline: the client notices the closed connection on its
				// own
				// schedule; from then on every request is refused, none hangs.
				long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
				int status = 200;
				while (status != 503 && System.nanoTime() < deadline) {
					status = app.get(alice, "/api/tier").statusCode();
				}
				assertThat(status).isEqualTo(503);
				assertThat(app.context.getBean(MeterRegistry.class)
					.get("mtls.rate-limit.store.unavailable")
					.tag("outcome", "refused")
					.counter()
					.count()).isGreaterThanOrEqualTo(1.0);
			}
		}
	}

	@Test
	void aChangedTierGetsFreshBucketsInRedis() throws Exception {
		IssuedCertificate alice = CertificateBuilder.endEntity("CN=alice").clientAuth().issuedBy(pki.ca()).issue();
		try (RateLimitFixture app = instance("resized", "mtls.rate-limit.tiers.resized.limits[0].capacity=1")) {
			assertThat(app.get(alice, "/api/tier").statusCode()).isEqualTo(200);
			assertThat(app.get(alice, "/api/tier").statusCode()).isEqualTo(429);
		}
		try (RateLimitFixture app = instance("resized", "mtls.rate-limit.tiers.resized.limits[0].capacity=3")) {
			HttpResponse<String> response = app.get(alice, "/api/tier");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"resized\";r=2;");
		}
	}

}
