package dev.mtls.sample.webflux;

import dev.mtls.sample.SampleContractSpecification;

/**
 * {@link SampleContractSpecification} against the WebFlux sample (Reactor Netty).
 */
class SampleContractTests extends SampleContractSpecification {

	@Override
	protected Class<?> applicationClass() {
		return WebFluxSampleApplication.class;
	}

}
