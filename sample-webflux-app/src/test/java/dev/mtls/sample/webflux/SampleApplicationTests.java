package dev.mtls.sample.webflux;

import dev.mtls.sample.SampleApplicationSpecification;

/**
 * {@link SampleApplicationSpecification} against the WebFlux sample (Reactor Netty).
 */
class SampleApplicationTests extends SampleApplicationSpecification {

	@Override
	protected Class<?> applicationClass() {
		return WebFluxSampleApplication.class;
	}

}
