package dev.mtls.sample;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link NotesApiSpecification} against the servlet sample (Spring MVC on Tomcat).
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotesApiTests extends NotesApiSpecification {

}
