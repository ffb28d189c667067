package dev.mtls.sample;

/**
 * {@link CertificateRotationAndRevocationSpecification} against the servlet sample
 * (Spring MVC on Tomcat).
 */
class CertificateRotationAndRevocationTests extends CertificateRotationAndRevocationSpecification {

	@Override
	protected Class<?> applicationClass() {
		return SampleApplication.class;
	}

}
