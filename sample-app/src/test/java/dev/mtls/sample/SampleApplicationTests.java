package dev.mtls.sample;

/**
 * {@link SampleApplicationSpecification} against the servlet sample (Spring MVC on
 * Tomcat).
 */
class SampleApplicationTests extends SampleApplicationSpecification {

	@Override
	protected Class<?> applicationClass() {
		return SampleApplication.class;
	}

}
