package dev.mtls.boot.ratelimit;

import dev.mtls.boot.pki.MtlsMaterialException;
import io.github.bucket4j.Bucket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of {@link MtlsRateLimitAutoConfiguration} and the startup errors of a
 * configuration that would not do what it reads.
 */
class RateLimitAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MtlsRateLimitAutoConfiguration.class));

	private static final String[] BASIC = { "mtls.rate-limit.tiers.basic.limits[0].capacity=5",
			"mtls.rate-limit.default-tier=basic" };

	@Test
	void offUnlessEnabled() {
		this.runner.withPropertyValues(BASIC).run((context) -> assertThat(context).doesNotHaveBean(RateLimiter.class));
	}

	@Test
	void enabledWithATierGivesAnInMemoryRateLimiter() {
		this.runner.withPropertyValues(BASIC)
			.withPropertyValues("mtls.rate-limit.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(RateLimiter.class));
	}

	@Test
	void memoryStoreNeedsNeitherLettuceNorSpringDataRedis() {
		this.runner.withPropertyValues(BASIC)
			.withPropertyValues("mtls.rate-limit.enabled=true")
			.withClassLoader(
					new FilteredClassLoader("io.lettuce", "io.github.bucket4j.redis", "org.springframework.data.redis"))
			.run((context) -> assertThat(context).hasSingleBean(RateLimiter.class));
	}

	@Test
	void enabledOnWebFluxStopsStartupInsteadOfLimitingNothing() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MtlsRateLimitAutoConfiguration.class))
			.withPropertyValues(BASIC)
			.withPropertyValues("mtls.rate-limit.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MtlsMaterialException.class)
				.hasMessageContaining("mtls.rate-limit.enabled")
				.hasMessageContaining("Spring MVC only"));
	}

	@Test
	void enabledWithoutBucket4jStopsStartup() {
		this.runner.withPropertyValues(BASIC)
			.withPropertyValues("mtls.rate-limit.enabled=true")
			.withClassLoader(new FilteredClassLoader(Bucket.class))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MtlsMaterialException.class)
				.hasMessageContaining("mtls.rate-limit.enabled"));
	}

	@Test
	void enabledWithoutTiersStopsStartup() {
		this.runner.withPropertyValues("mtls.rate-limit.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("mtls.rate-limit.tiers: rate limiting is enabled but defines no tier"));
	}

	@Test
	void undefinedDefaultTierStopsStartup() {
		this.runner
			.withPropertyValues("mtls.rate-limit.enabled=true", "mtls.rate-limit.tiers.basic.limits[0].capacity=5",
					"mtls.rate-limit.default-tier=gold")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("mtls.rate-limit.default-tier: names tier 'gold', which is not defined"));
	}

	@Test
	void tierWithoutLimitOrWithZeroCapacityStopsStartup() {
		this.runner.withPropertyValues("mtls.rate-limit.enabled=true", "mtls.rate-limit.tiers.basic.principals=alice")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("mtls.rate-limit.tiers.basic.limits: tier 'basic' has no limit"));
		this.runner
			.withPropertyValues("mtls.rate-limit.enabled=true", "mtls.rate-limit.tiers.basic.limits[0].capacity=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("mtls.rate-limit.tiers.basic.limits[0].capacity"));
	}

	@Test
	void callerInTwoTiersStopsStartup() {
		this.runner
			.withPropertyValues("mtls.rate-limit.enabled=true", "mtls.rate-limit.tiers.a.limits[0].capacity=5",
					"mtls.rate-limit.tiers.a.principals=alice", "mtls.rate-limit.tiers.b.limits[0].capacity=5",
					"mtls.rate-limit.tiers.b.principals=alice")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'alice' is in tier 'a' and in tier 'b'"));
	}

	@Test
	void redisStoreWithoutALettuceConnectionStopsStartup() {
		this.runner.withPropertyValues(BASIC)
			.withPropertyValues("mtls.rate-limit.enabled=true", "mtls.rate-limit.store=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(
						"mtls.rate-limit.store: is 'redis' but the application has no Lettuce connection"));
	}

	@Test
	void redisStoreWithoutBucket4jLettuceStopsStartup() {
		this.runner.withPropertyValues(BASIC)
			.withPropertyValues("mtls.rate-limit.enabled=true", "mtls.rate-limit.store=redis")
			.withClassLoader(new FilteredClassLoader("io.github.bucket4j.redis"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Bucket4j's Lettuce integration or Spring Data Redis is not on the class path"));
	}

}
