package dev.mtls.sample;

/**
 * {@link PartnerClientSpecification} against the servlet sample (Spring MVC on Tomcat).
 */
class PartnerClientTests extends PartnerClientSpecification {

	@Override
	protected Class<?> applicationClass() {
		return SampleApplication.class;
	}

}
