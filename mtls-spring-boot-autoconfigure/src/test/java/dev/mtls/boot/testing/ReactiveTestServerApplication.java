package dev.mtls.boot.testing;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link TestServerApplication} on WebFlux: auto-configuration and the
 * {@link ReactiveEchoController}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ReactiveEchoController.class)
public class ReactiveTestServerApplication {

}
