package dev.mtls.sample;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link SampleAppWithTestModuleSpecification} against the servlet sample (Spring MVC on
 * Tomcat).
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleAppWithTestModuleTests extends SampleAppWithTestModuleSpecification {

}
