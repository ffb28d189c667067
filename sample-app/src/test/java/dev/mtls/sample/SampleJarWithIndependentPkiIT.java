package dev.mtls.sample;

/**
 * {@link SampleJarWithIndependentPkiSpecification} against the servlet sample (Spring MVC
 * on Tomcat).
 */
class SampleJarWithIndependentPkiIT extends SampleJarWithIndependentPkiSpecification {

}
