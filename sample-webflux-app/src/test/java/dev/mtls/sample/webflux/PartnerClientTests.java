package dev.mtls.sample.webflux;

import dev.mtls.sample.PartnerClientSpecification;

/**
 * {@link PartnerClientSpecification} against the WebFlux sample (Reactor Netty).
 */
class PartnerClientTests extends PartnerClientSpecification {

	@Override
	protected Class<?> applicationClass() {
		return WebFluxSampleApplication.class;
	}

}
