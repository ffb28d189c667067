package dev.mtls.boot.auth;

import dev.mtls.boot.pki.MtlsFailureAnalysis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of the cross-origin protection: on by default, off by property, and a
 * malformed setting stops startup naming the property.
 */
class CrossOriginProtectionAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MtlsSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class));

	@Test
	void contributesCrossOriginProtectionToTheDefaultChain() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(CrossOriginProtectionCustomizer.class);
			assertThat(context.getBean(SecurityFilterChain.class).getFilters())
				.anyMatch(CrossOriginProtectionFilter.class::isInstance)
				.noneMatch((filter) -> filter.getClass().getSimpleName().equals("CsrfFilter"));
		});
	}

	@Test
	void disabledLeavesSpringSecuritysCsrfProtection() {
		this.runner.withPropertyValues("mtls.auth.cross-origin.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(CrossOriginProtectionCustomizer.class);
			assertThat(context.getBean(SecurityFilterChain.class).getFilters())
				.noneMatch(CrossOriginProtectionFilter.class::isInstance)
				.anyMatch((filter) -> filter.getClass().getSimpleName().equals("CsrfFilter"));
		});
	}

	@Test
	void malformedTrustedOriginStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues("mtls.auth.cross-origin.trusted-origins=app.example.com").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = MtlsFailureAnalysis.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.contains("mtls.auth.cross-origin.trusted-origins: 'app.example.com' is not an origin");
			assertThat(analysis.getAction()).contains("scheme://host[:port]");
		});
	}

}
