package dev.mtls.boot.testing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The WebFlux twin of {@link TestServerApplication}: auto-configuration and the
 * {@link ReactiveEchoController} on Reactor Netty; {@link #run} starts it on random ports
 * with the given properties, without Spring Security.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ReactiveEchoController.class)
public class ReactiveTestServerApplication {

	/**
	 * Spring Security's reactive auto-configurations, left out so that server tests see
	 * the TLS layer alone; the starter's certificate authentication is switched off with
	 * {@code mtls.auth.enabled=false}.
	 */
	static final String SECURITY_AUTO_CONFIGURATIONS = String.join(",",
			"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration");

	/**
	 * Start the echo application without Spring Security: the server's TLS behaviour
	 * only.
	 */
	public static ConfigurableApplicationContext run(String... properties) {
		SpringApplication application = new SpringApplicationBuilder(ReactiveTestServerApplication.class)
			.web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "spring.main.banner-mode=off", "mtls.auth.enabled=false",
					"spring.autoconfigure.exclude=" + SECURITY_AUTO_CONFIGURATIONS)
			.properties(properties)
			.build();
		return application.run();
	}

}
