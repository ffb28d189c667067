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

	public static ConfigurableApplicationContext run(String... properties) {
		SpringApplication application = new SpringApplicationBuilder(TestServerApplication.class, EchoController.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off")
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
