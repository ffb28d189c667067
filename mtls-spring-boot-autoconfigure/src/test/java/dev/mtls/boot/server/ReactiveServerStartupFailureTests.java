package dev.mtls.boot.server;

import java.util.stream.Stream;

import dev.mtls.boot.testing.WebStack;
import org.junit.jupiter.api.Test;

/**
 * {@link MtlsServerStartupFailureSpecification} on Spring WebFlux with Reactor Netty.
 */
class ReactiveServerStartupFailureTests extends MtlsServerStartupFailureSpecification {

	ReactiveServerStartupFailureTests() {
		super(WebStack.REACTIVE);
	}

	@Test
	void refusesOpenSslOnNettyNamingTheProperty() {
		assertStartupFailure(Stream
			.concat(Stream.of(this.pki.pemServerProperties()), Stream.of("mtls.server.ssl-implementation=openssl"))
			.toArray(String[]::new)).reportsProperty("mtls.server.ssl-implementation")
			.withProblem("only supported on Tomcat", "Reactor Netty")
			.withAction("set it to jsse");
	}

}
