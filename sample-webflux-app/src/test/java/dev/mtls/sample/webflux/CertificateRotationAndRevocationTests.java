package dev.mtls.sample.webflux;

import dev.mtls.sample.CertificateRotationAndRevocationSpecification;

/**
 * {@link CertificateRotationAndRevocationSpecification} against the WebFlux sample
 * (Reactor Netty).
 */
class CertificateRotationAndRevocationTests extends CertificateRotationAndRevocationSpecification {

	@Override
	protected Class<?> applicationClass() {
		return WebFluxSampleApplication.class;
	}

}
