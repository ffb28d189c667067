package dev.mtls.sample;

/**
 * {@link SampleContractSpecification} against the servlet sample (Spring MVC on Tomcat).
 */
class SampleContractTests extends SampleContractSpecification {

	@Override
	protected Class<?> applicationClass() {
		return SampleApplication.class;
	}

}
