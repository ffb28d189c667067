package dev.mtls.sample.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample service on Spring WebFlux and Reactor Netty: the same endpoints, the same
 * {@code mtls.*} configuration and the same behaviour as the servlet {@code sample-app}.
 */
@SpringBootApplication
public class WebFluxSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebFluxSampleApplication.class, args);
	}

}
