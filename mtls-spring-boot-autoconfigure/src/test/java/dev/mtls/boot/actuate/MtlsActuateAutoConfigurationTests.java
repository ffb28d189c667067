package dev.mtls.boot.actuate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.actuate.autoconfigure.audit.AuditAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and back-off of the operations auto-configurations.
 */
class MtlsActuateAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsOperationsAutoConfiguration.class,
				MtlsEndpointAutoConfiguration.class, MtlsHealthContributorAutoConfiguration.class,
				MtlsMetricsAutoConfiguration.class, AuditAutoConfiguration.class, MtlsAuditAutoConfiguration.class));

	@Test
	void endpointOnlyWhenExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MtlsEndpoint.class)
			.hasSingleBean(MtlsLifecycleRecorder.class)
			.hasSingleBean(MtlsStartupSummary.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=mtls")
			.run((context) -> assertThat(context).hasSingleBean(MtlsEndpoint.class));
	}

	@Test
	void healthContributorCanBeTurnedOff() {
		this.runner.run((context) -> assertThat(context).hasBean("mtlsHealthIndicator"));
		this.runner.withPropertyValues("management.health.mtls.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("mtlsHealthIndicator"));
	}

	@Test
	void metricsNeedAMeterRegistryAndAuditNeedsARepository() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MtlsMetrics.class)
			.doesNotHaveBean(CertificateAuthenticationAuditListener.class));
		this.runner.withBean(SimpleMeterRegistry.class)
			.withBean(InMemoryAuditEventRepository.class)
			.run((context) -> assertThat(context).hasSingleBean(MtlsMetrics.class)
				.hasSingleBean(CertificateAuthenticationMetrics.class)
				.hasSingleBean(CertificateAuthenticationAuditListener.class));
	}

	@Test
	void backsOffFromUserBeans() {
		MtlsLifecycleRecorder own = new MtlsLifecycleRecorder();
		this.runner.withBean(MtlsLifecycleRecorder.class, () -> own)
			.run((context) -> assertThat(context.getBean(MtlsLifecycleRecorder.class)).isSameAs(own));
	}

	@Test
	void offWithoutActuatorAndWhenStarterIsOff() {
		this.runner
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
					"org.springframework.boot.health", "io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MtlsStartupSummary.class)
				.doesNotHaveBean("mtlsHealthIndicator"));
		this.runner.withPropertyValues("mtls.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MtlsLifecycleRecorder.class)
				.doesNotHaveBean("mtlsHealthIndicator"));
	}

}
