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
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate-limit tiers with buckets in memory, over real TLS: assignment by principal,
 * fingerprint and role, the default tier, exemption, the IETF header fields on every
 * answer, 429 with {@code Retry-After} and a problem body, and the refusal metric.
 */
class RateLimitIntegrationTests {

	@TempDir
	Path directory;

	private TestPki pki;

	private IssuedCertificate alice;

	private IssuedCertificate bob;

	private IssuedCertificate carol;

	private IssuedCertificate operator;

	private IssuedCertificate auditor;

	@BeforeEach
	void issueClients() {
		this.pki = new TestPki(this.directory);
		this.alice = client("CN=alice");
		this.bob = client("CN=bob");
		this.carol = client("CN=carol");
		this.operator = client("CN=operator");
		this.auditor = client("CN=auditor");
	}

	private IssuedCertificate client(String subject) {
		return CertificateBuilder.endEntity(subject).clientAuth().issuedBy(this.pki.ca()).issue();
	}

	private RateLimitFixture start() {
		return new RateLimitFixture(this.pki, "mtls.auth.roles.auditor=AUDITOR",
				"mtls.rate-limit.tiers.basic.principals=alice", "mtls.rate-limit.tiers.basic.limits[0].capacity=3",
				"mtls.rate-limit.tiers.basic.limits[0].period=1m",
				"mtls.rate-limit.tiers.gold.fingerprints=" + this.bob.fingerprint().toUpperCase(java.util.Locale.ROOT),
				"mtls.rate-limit.tiers.gold.limits[0].capacity=100", "mtls.rate-limit.tiers.gold.limits[0].period=1h",
				"mtls.rate-limit.tiers.gold.limits[1].name=gold-burst",
				"mtls.rate-limit.tiers.gold.limits[1].capacity=2", "mtls.rate-limit.tiers.gold.limits[1].period=10m",
				"mtls.rate-limit.tiers.audit.roles=AUDITOR", "mtls.rate-limit.tiers.audit.limits[0].capacity=1",
				"mtls.rate-limit.tiers.standard.limits[0].capacity=2",
				"mtls.rate-limit.tiers.standard.limits[0].period=30s", "mtls.rate-limit.default-tier=standard",
				"mtls.rate-limit.exempt.principals=operator");
	}

	@Test
	void principalInATierGetsItsCapacityThen429WithRetryAfterAndProblemBody() throws Exception {
		try (RateLimitFixture app = start()) {
			for (int remaining = 2; remaining >= 0; remaining--) {
				HttpResponse<String> response = app.get(this.alice, "/api/tier");
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(JsonPath.parse(response.body()).read("$.tier", String.class)).isEqualTo("basic");
				assertThat(response.headers().firstValue("RateLimit-Policy")).hasValue("\"basic\";q=3;w=60");
				assertThat(response.headers().firstValue("RateLimit").orElseThrow())
					.startsWith("\"basic\";r=" + remaining + ";t=");
			}
			HttpResponse<String> refused = app.get(this.alice, "/api/tier");
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
			assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
			assertThat(refused.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"basic\";r=0;t=");
			assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("\"basic\";q=3;w=60");
			assertThat(JsonPath.parse(refused.body()).read("$.status", Integer.class)).isEqualTo(429);
			assertThat(JsonPath.parse(refused.body()).read("$.detail", String.class))
				.startsWith("The request rate of tier 'basic' is exhausted; retry after ");
			// Another caller is not affected by alice's bucket.
			assertThat(app.get(this.carol, "/api/tier").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void fingerprintAssignsATierWithSeveralLimitsAndEachIsReported() throws Exception {
		try (RateLimitFixture app = start()) {
			HttpResponse<String> first = app.get(this.bob, "/api/tier");
			assertThat(JsonPath.parse(first.body()).read("$.tier", String.class)).isEqualTo("gold");
			assertThat(first.headers().firstValue("RateLimit-Policy"))
				.hasValue("\"gold-0\";q=100;w=3600, \"gold-burst\";q=2;w=600");
			assertThat(first.headers().firstValue("RateLimit").orElseThrow())
				.matches("\"gold-0\";r=99;t=\\d+, \"gold-burst\";r=1;t=\\d+");
			assertThat(app.get(this.bob, "/api/tier").statusCode()).isEqualTo(200);
			// The tighter limit refuses although the hourly quota has plenty left.
			HttpResponse<String> refused = app.get(this.bob, "/api/tier");
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("RateLimit").orElseThrow())
				.matches("\"gold-0\";r=98;t=\\d+, \"gold-burst\";r=0;t=\\d+");
		}
	}

	@Test
	void roleAssignsATier() throws Exception {
		try (RateLimitFixture app = start()) {
			HttpResponse<String> first = app.get(this.auditor, "/api/tier");
			assertThat(JsonPath.parse(first.body()).read("$.tier", String.class)).isEqualTo("audit");
			assertThat(app.get(this.auditor, "/api/tier").statusCode()).isEqualTo(429);
		}
	}

	@Test
	void callersNoTierNamesAreInTheDefaultTier() throws Exception {
		try (RateLimitFixture app = start()) {
			HttpResponse<String> response = app.get(this.carol, "/api/tier");
			assertThat(JsonPath.parse(response.body()).read("$.tier", String.class)).isEqualTo("standard");
			assertThat(response.headers().firstValue("RateLimit-Policy")).hasValue("\"standard\";q=2;w=30");
			assertThat(app.get(this.carol, "/api/tier").statusCode()).isEqualTo(200);
			assertThat(app.get(this.carol, "/api/tier").statusCode()).isEqualTo(429);
		}
	}

	@Test
	void exemptCallerIsNeverLimitedAndGetsNoQuotaHeaders() throws Exception {
		try (RateLimitFixture app = start()) {
			for (int i = 0; i < 5; i++) {
				HttpResponse<String> response = app.get(this.operator, "/api/tier");
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(JsonPath.parse(response.body()).read("$.tier", String.class)).isEqualTo("none");
				assertThat(response.headers().firstValue("RateLimit")).isEmpty();
			}
		}
	}

	@Test
	void withoutADefaultTierUnnamedCallersAreNotLimited() throws Exception {
		try (RateLimitFixture app = new RateLimitFixture(this.pki, "mtls.rate-limit.tiers.basic.principals=alice",
				"mtls.rate-limit.tiers.basic.limits[0].capacity=1")) {
			for (int i = 0; i < 3; i++) {
				HttpResponse<String> response = app.get(this.carol, "/api/tier");
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.headers().firstValue("RateLimit")).isEmpty();
			}
		}
	}

	@Test
	void requestWithoutCertificateIsRefusedByAuthenticationNotCounted() throws Exception {
		try (RateLimitFixture app = start()) {
			HttpResponse<String> response = app.get(null, "/api/tier");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("RateLimit")).isEmpty();
		}
	}

	@Test
	void refusalsAreCountedByTier() throws Exception {
		try (RateLimitFixture app = start()) {
			for (int i = 0; i < 5; i++) {
				app.get(this.alice, "/api/tier");
			}
			MeterRegistry registry = app.context.getBean(MeterRegistry.class);
			assertThat(registry.get("mtls.rate-limit.refusals")
				.tag("tier", "basic")
				.tag("reason", "limited")
				.counter()
				.count()).isEqualTo(2.0);
		}
	}

}
