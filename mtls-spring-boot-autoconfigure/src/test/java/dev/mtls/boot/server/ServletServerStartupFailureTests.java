package dev.mtls.boot.server;

import dev.mtls.boot.testing.WebStack;

/**
 * {@link MtlsServerStartupFailureSpecification} on Spring MVC with Tomcat.
 */
class ServletServerStartupFailureTests extends MtlsServerStartupFailureSpecification {

	ServletServerStartupFailureTests() {
		super(WebStack.SERVLET);
	}

}
