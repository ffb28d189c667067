package dev.mtls.sample.webflux;

import dev.mtls.sample.CliGeneratedPkiSpecification;

/**
 * {@link CliGeneratedPkiSpecification} against the WebFlux sample (Reactor Netty).
 */
class CliGeneratedPkiTests extends CliGeneratedPkiSpecification {

	@Override
	protected Class<?> applicationClass() {
		return WebFluxSampleApplication.class;
	}

}
