package dev.mtls.boot.testing;

import java.security.cert.X509Certificate;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal servlet application that echoes the client certificate subject, started on
 * random ports with the given properties.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class TestServerApplication {

	/**
	 * Spring Security's and this starter's security auto-configurations, left out by
	 * {@link #run} so that server tests see the TLS layer alone.
	 */
	static final String SECURITY_AUTO_CONFIGURATIONS = String.join(",",
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
			"dev.mtls.boot.auth.MtlsSecurityAutoConfiguration");

	/**
	 * Start the echo application without Spring Security: the server's TLS behaviour
	 * only.
	 */
	public static ConfigurableApplicationContext run(String... properties) {
		return start(new Class<?>[] { TestServerApplication.class, EchoController.class },
				"spring.autoconfigure.exclude=" + SECURITY_AUTO_CONFIGURATIONS, properties);
	}

	/**
	 * Start an application with Spring Security and the starter's certificate
	 * authentication.
	 */
	public static ConfigurableApplicationContext runSecured(Class<?>[] sources, String... properties) {
		return start(sources, "spring.main.banner-mode=off", properties);
	}

	/**
	 * Start an application with Spring Security and the starter's certificate
	 * authentication on a web stack (Spring MVC on Tomcat, or WebFlux on Reactor Netty),
	 * with the same {@code mtls.server.*} properties from the PKI on both.
	 * @param stack the web stack
	 * @param sources the application's sources for that stack
	 * @param pki the PKI whose server identity and CA the server uses
	 * @param clientAuth {@code need} or {@code want}
	 * @param properties further properties
	 */
	public static ConfigurableApplicationContext runSecured(WebStack stack, Class<?>[] sources, TestPki pki,
			String clientAuth, String... properties) {
		SpringApplication application = new SpringApplicationBuilder(sources)
			.web((stack == WebStack.SERVLET) ? WebApplicationType.SERVLET : WebApplicationType.REACTIVE)
			.properties("server.port=0", "spring.main.banner-mode=off")
			.properties(concat(pki.pemServerProperties(), "mtls.server.client-auth=" + clientAuth))
			.properties(properties)
			.build();
		return application.run();
	}

	/**
	 * Start an application with Spring Security and the starter's certificate
	 * authentication on a web stack, with only the given properties (no server TLS of the
	 * test's own): for applications behind a TLS-terminating proxy.
	 */
	public static ConfigurableApplicationContext runSecured(WebStack stack, Class<?>[] sources, String... properties) {
		SpringApplication application = new SpringApplicationBuilder(sources)
			.web((stack == WebStack.SERVLET) ? WebApplicationType.SERVLET : WebApplicationType.REACTIVE)
			.properties("server.port=0", "spring.main.banner-mode=off")
			.properties(properties)
			.build();
		return application.run();
	}

	/**
	 * The port that asks for client certificates on a stack started by
	 * {@link #runSecured(WebStack, Class[], TestPki, String, String...)}.
	 */
	public static int securePort(WebStack stack, ConfigurableApplicationContext context) {
		return (stack == WebStack.SERVLET) ? mtlsPort(context) : serverPort(context);
	}

	private static String[] concat(String[] first, String... more) {
		String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

	private static ConfigurableApplicationContext start(Class<?>[] sources, String defaults, String... properties) {
		SpringApplication application = new SpringApplicationBuilder(sources).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off", defaults)
			.properties(properties)
			.build();
		return application.run();
	}

	public static int mtlsPort(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.mtls.port", Integer.class);
	}

	public static int serverPort(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	@RestController
	public static class EchoController {

		@GetMapping("/hello")
		String hello(HttpServletRequest request) {
			X509Certificate[] chain = (X509Certificate[]) request
				.getAttribute("jakarta.servlet.request.X509Certificate");
			return (chain != null) ? "hello " + chain[0].getSubjectX500Principal().getName() : "hello anonymous";
		}

	}

}
