package dev.mtls.sample.webflux;

import dev.mtls.sample.OptionalCertificateProfileSpecification;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link OptionalCertificateProfileSpecification} against the WebFlux sample (Reactor
 * Netty).
 */
@SpringBootTest(classes = WebFluxSampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OptionalCertificateProfileTests extends OptionalCertificateProfileSpecification {

}
