package dev.mtls.boot.actuate;

import java.util.stream.Stream;

import dev.mtls.boot.testing.TestPki;
import dev.mtls.boot.testing.ReactiveTestServerApplication;
import dev.mtls.boot.testing.TestServerApplication;
import dev.mtls.boot.testing.WebStack;

import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The echo application with Spring Security, Actuator (endpoints {@code mtls},
 * {@code health}, {@code metrics} exposed) and an in-memory audit event repository, over
 * real TLS with {@code client-auth=want}; alice is an operator (role {@code ACTUATOR}).
 */
@Configuration(proxyBeanMethods = false)
class ActuateTestApplication {

	static final Class<?>[] SOURCES = { TestServerApplication.class, TestServerApplication.EchoController.class,
			ActuateTestApplication.class };

	@Bean
	AuditEventRepository auditEventRepository() {
		return new InMemoryAuditEventRepository();
	}

	static final Class<?>[] REACTIVE_SOURCES = { ReactiveTestServerApplication.class, ActuateTestApplication.class };

	/**
	 * Start the application on a web stack, over real TLS with {@code client-auth=want}.
	 */
	static ConfigurableApplicationContext start(WebStack stack, TestPki pki, String... properties) {
		String[] all = Stream
			.of(Stream.of("mtls.auth.roles.alice=ACTUATOR",
					"management.endpoints.web.exposure.include=mtls,health,metrics",
					"management.endpoint.health.show-details=always"), Stream.of(properties))
			.flatMap((s) -> s)
			.toArray(String[]::new);
		return TestServerApplication.runSecured(stack, (stack == WebStack.SERVLET) ? SOURCES : REACTIVE_SOURCES, pki,
				"want", all);
	}

	static ConfigurableApplicationContext start(TestPki pki, String... properties) {
		String[] all = Stream
			.of(Stream.of(pki.pemServerProperties()),
					Stream.of("mtls.server.client-auth=want", "mtls.auth.roles.alice=ACTUATOR",
							"management.endpoints.web.exposure.include=mtls,health,metrics",
							"management.endpoint.health.show-details=always"),
					Stream.of(properties))
			.flatMap((s) -> s)
			.toArray(String[]::new);
		return TestServerApplication.runSecured(SOURCES, all);
	}

}
