package dev.mtls.bench.hand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample application's endpoints with mutual TLS configured by hand: an SSL bundle
 * with {@code server.ssl.client-auth=need}, Spring Security's {@code http.x509()} and a
 * {@code UserDetailsService}. See {@code application.properties} and
 * {@link SecurityConfiguration}.
 */
@SpringBootApplication
public class HandConfiguredApplication {

	public static void main(String[] args) {
		SpringApplication.run(HandConfiguredApplication.class, args);
	}

}
