package dev.mtls.boot.server;

import dev.mtls.boot.testing.WebStack;

/**
 * {@link MtlsServerSpecification} on Spring WebFlux with Reactor Netty.
 */
class ReactiveMtlsServerIntegrationTests extends MtlsServerSpecification {

	ReactiveMtlsServerIntegrationTests() {
		super(WebStack.REACTIVE);
	}

}
