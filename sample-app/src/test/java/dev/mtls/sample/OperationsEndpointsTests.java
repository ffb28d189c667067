package dev.mtls.sample;

/**
 * {@link OperationsEndpointsSpecification} against the servlet sample (Spring MVC on
 * Tomcat).
 */
class OperationsEndpointsTests extends OperationsEndpointsSpecification {

	@Override
	protected Class<?> applicationClass() {
		return SampleApplication.class;
	}

}
