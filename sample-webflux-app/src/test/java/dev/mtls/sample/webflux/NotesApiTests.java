package dev.mtls.sample.webflux;

import dev.mtls.sample.NotesApiSpecification;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link NotesApiSpecification} against the WebFlux sample (Reactor Netty).
 */
@SpringBootTest(classes = WebFluxSampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotesApiTests extends NotesApiSpecification {

}
