package dev.mtls.sample.webflux;

import dev.mtls.sample.OperationsEndpointsSpecification;

/**
 * {@link OperationsEndpointsSpecification} against the WebFlux sample (Reactor Netty).
 */
class OperationsEndpointsTests extends OperationsEndpointsSpecification {

	@Override
	protected Class<?> applicationClass() {
		return WebFluxSampleApplication.class;
	}

}
