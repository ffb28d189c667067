package dev.mtls.boot.ratelimit;

import java.time.Duration;

import dev.mtls.boot.auth.MtlsSecurityAutoConfiguration;
import dev.mtls.boot.pki.MtlsMaterialException;
import io.github.bucket4j.Bucket;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;
import org.springframework.util.ClassUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for rate-limit tiers per client certificate
 * ({@code mtls.rate-limit.enabled=true}): a {@link RateLimiter} on Bucket4j with buckets
 * in memory or in Redis, applied to every servlet security filter chain.
 */
@AutoConfiguration(after = MtlsSecurityAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("mtls.rate-limit.enabled")
@EnableConfigurationProperties(MtlsRateLimitProperties.class)
public final class MtlsRateLimitAutoConfiguration {

	private static final String BUCKET4J = "io.github.bucket4j.Bucket";

	private static final String BUCKET4J_LETTUCE = "io.github.bucket4j.redis.lettuce.Bucket4jLettuce";

	private static final String LETTUCE_CONNECTION_FACTORY = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Bucket.class)
	static class RateLimiterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RateLimiter rateLimiter(MtlsRateLimitProperties properties, ObjectProvider<LettuceBuckets> redis,
				ObjectProvider<RateLimitObserver> observer) {
			RateLimitTierResolver tiers = new RateLimitTierResolver(properties);
			RateLimitBuckets buckets = switch (properties.getStore()) {
				case MEMORY -> new InMemoryRateLimitBuckets(properties.getCacheSize(), longestPeriod(tiers));
				case REDIS -> redis.getObject().buckets();
			};
			boolean refuse = properties.getRedis().getWhenUnavailable() == MtlsRateLimitProperties.Unavailable.REFUSE;
			return new RateLimiter(tiers, buckets, refuse, observer.getIfAvailable(() -> RateLimitObserver.NONE));
		}

		private static Duration longestPeriod(RateLimitTierResolver tiers) {
			return tiers.tiers()
				.values()
				.stream()
				.flatMap((tier) -> tier.limits().stream())
				.map(RateLimitTier.Limit::period)
				.max(Duration::compareTo)
				.orElse(Duration.ofMinutes(1));
		}

		/**
		 * {@code store=redis} with what it needs: Bucket4j's Lettuce integration and a
		 * Lettuce connection from {@code spring.data.redis.*}. Anything missing stops
		 * startup: the setting must not fall back to per-instance buckets in silence.
		 */
		@Bean
		@ConditionalOnProperty(name = "mtls.rate-limit.store", havingValue = "redis")
		LettuceBuckets mtlsRateLimitRedisBuckets(MtlsRateLimitProperties properties, BeanFactory beanFactory) {
			ClassLoader classLoader = (beanFactory instanceof ConfigurableBeanFactory configurable)
					? configurable.getBeanClassLoader() : getClass().getClassLoader();
			if (!ClassUtils.isPresent(BUCKET4J_LETTUCE, classLoader)
					|| !ClassUtils.isPresent(LETTUCE_CONNECTION_FACTORY, classLoader)) {
				throw new MtlsMaterialException("mtls.rate-limit.store",
						"is 'redis' but Bucket4j's Lettuce integration or Spring Data Redis is not on the class path",
						"Add com.bucket4j:bucket4j_jdk17-lettuce and spring-boot-starter-data-redis, or set "
								+ "mtls.rate-limit.store=memory.");
			}
			return LettuceBuckets.create(properties, beanFactory);
		}

	}

	/**
	 * Holds the Redis buckets; its own class so that Lettuce types are loaded only with
	 * {@code store=redis}.
	 */
	static final class LettuceBuckets implements AutoCloseable {

		private final RedisRateLimitBuckets buckets;

		private LettuceBuckets(RedisRateLimitBuckets buckets) {
			this.buckets = buckets;
		}

		static LettuceBuckets create(MtlsRateLimitProperties properties, BeanFactory beanFactory) {
			LettuceConnectionFactory factory = beanFactory.getBeanProvider(LettuceConnectionFactory.class)
				.getIfAvailable();
			if (factory == null) {
				throw new MtlsMaterialException("mtls.rate-limit.store",
						"is 'redis' but the application has no Lettuce connection to Redis",
						"Configure spring.data.redis.* with the Lettuce client (spring.data.redis.client-type=lettuce, "
								+ "Boot's default), or set mtls.rate-limit.store=memory.");
			}
			MtlsRateLimitProperties.Redis redis = properties.getRedis();
			return new LettuceBuckets(
					new RedisRateLimitBuckets(() -> redisClient(factory), redis.getKeyPrefix(), redis.getTimeout()));
		}

		private static RedisClient redisClient(LettuceConnectionFactory factory) {
			AbstractRedisClient client = factory.getRequiredNativeClient();
			if (client instanceof RedisClient standalone) {
				return standalone;
			}
			throw new IllegalStateException("mtls.rate-limit.store=redis supports a standalone or Sentinel Redis, "
					+ "not " + client.getClass().getSimpleName());
		}

		RateLimitBuckets buckets() {
			return this.buckets;
		}

		@Override
		public void close() {
			this.buckets.close();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Bucket.class, MeterRegistry.class })
	static class RateLimitMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RateLimitMetrics mtlsRateLimitMetrics(ObjectProvider<MeterRegistry> registry) {
			return new RateLimitMetrics(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ Bucket.class, HttpSecurity.class })
	static class ServletRateLimitConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RateLimitHttpSecurityCustomizer rateLimitHttpSecurityCustomizer(RateLimiter rateLimiter,
				ObjectProvider<SecurityContextHolderStrategy> strategy,
				ObjectProvider<X509PrincipalExtractor> principalExtractor) {
			return new RateLimitHttpSecurityCustomizer(new RateLimitFilter(rateLimiter,
					strategy.getIfUnique(SecurityContextHolder::getContextHolderStrategy),
					principalExtractor.getIfUnique()));
		}

	}

	/**
	 * Fail closed: the limiter has a Spring MVC filter only so far, so on WebFlux
	 * {@code mtls.rate-limit.enabled=true} would limit nothing.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveRateLimitConfiguration {

		@Bean
		Object mtlsRateLimitNotOnWebFlux() {
			throw new MtlsMaterialException("mtls.rate-limit.enabled",
					"is true but rate-limit tiers are enforced on Spring MVC only, and this is a WebFlux application",
					"Set mtls.rate-limit.enabled=false, or run the API on Spring MVC.");
		}

	}

	/**
	 * Fail closed: {@code mtls.rate-limit.enabled=true} without Bucket4j would limit
	 * nothing.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(BUCKET4J)
	static class MissingBucket4jConfiguration {

		@Bean
		Object mtlsRateLimitBucket4jMissing() {
			throw new MtlsMaterialException("mtls.rate-limit.enabled", "is true but Bucket4j is not on the class path",
					"Add com.bucket4j:bucket4j_jdk17-core, or set mtls.rate-limit.enabled=false.");
		}

	}

}
