package dev.mtls.sample;

/**
 * {@link CliGeneratedPkiSpecification} against the servlet sample (Spring MVC on Tomcat).
 */
class CliGeneratedPkiTests extends CliGeneratedPkiSpecification {

	@Override
	protected Class<?> applicationClass() {
		return SampleApplication.class;
	}

}
