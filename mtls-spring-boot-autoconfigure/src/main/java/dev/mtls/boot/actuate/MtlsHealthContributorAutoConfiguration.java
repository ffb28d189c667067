package dev.mtls.boot.actuate;

import java.time.Clock;
import java.util.List;

import dev.mtls.boot.revocation.PkixChainVerifier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code mtls} health contributor
 * ({@link MtlsHealthIndicator}); turned off with
 * {@code management.health.mtls.enabled=false}.
 */
@AutoConfiguration(after = MtlsOperationsAutoConfiguration.class, before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(MtlsMaterialInspector.class)
public final class MtlsHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mtlsHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("mtls")
	MtlsHealthIndicator mtlsHealthIndicator(MtlsMaterialInspector inspector, Environment environment,
			ObjectProvider<PkixChainVerifier> revocation) {
		return new MtlsHealthIndicator(inspector, Clock.systemUTC(),
				MtlsOperationsAutoConfiguration.warningThreshold(environment),
				MtlsOperationsAutoConfiguration.criticalThreshold(environment), () -> {
					PkixChainVerifier verifier = revocation.getIfAvailable();
					return (verifier != null) ? verifier.getStaleCrls() : List.of();
				});
	}

}
