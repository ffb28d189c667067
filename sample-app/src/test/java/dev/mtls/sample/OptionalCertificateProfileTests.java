package dev.mtls.sample;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link OptionalCertificateProfileSpecification} against the servlet sample (Spring MVC
 * on Tomcat).
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OptionalCertificateProfileTests extends OptionalCertificateProfileSpecification {

}
