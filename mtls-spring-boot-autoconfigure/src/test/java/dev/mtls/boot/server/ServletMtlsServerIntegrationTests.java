package dev.mtls.boot.server;

import dev.mtls.boot.testing.WebStack;

/**
 * {@link MtlsServerSpecification} on Spring MVC with Tomcat.
 */
class ServletMtlsServerIntegrationTests extends MtlsServerSpecification {

	ServletMtlsServerIntegrationTests() {
		super(WebStack.SERVLET);
	}

}
