package dev.mtls.boot.server;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MtlsServerDefaultsEnvironmentPostProcessor}.
 */
class MtlsServerDefaultsEnvironmentPostProcessorTests {

	private final MtlsServerDefaultsEnvironmentPostProcessor postProcessor = new MtlsServerDefaultsEnvironmentPostProcessor();

	@Test
	void keepsConnectionsForAThousandRequestsByDefault() {
		StandardEnvironment environment = environment(Map.of());
		assertThat(environment.getProperty("server.tomcat.max-keep-alive-requests")).isEqualTo("1000");
	}

	@Test
	void applicationSettingWins() {
		StandardEnvironment environment = environment(Map.of("server.tomcat.max-keep-alive-requests", "100"));
		assertThat(environment.getProperty("server.tomcat.max-keep-alive-requests")).isEqualTo("100");
	}

	@Test
	void leavesTheServerAloneWhenTheStarterDoesNotServeMutualTls() {
		assertThat(environment(Map.of("mtls.server.enabled", "false"))
			.getProperty("server.tomcat.max-keep-alive-requests")).isNull();
		assertThat(environment(Map.of("mtls.enabled", "false")).getProperty("server.tomcat.max-keep-alive-requests"))
			.isNull();
	}

	private StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
