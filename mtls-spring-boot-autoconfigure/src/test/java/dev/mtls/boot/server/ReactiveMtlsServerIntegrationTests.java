package dev.mtls.boot.server;

import java.io.IOException;

import dev.mtls.boot.testing.HandshakeRefusal;
import dev.mtls.boot.testing.WebStack;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link MtlsServerSpecification} on Spring WebFlux with Reactor Netty.
 */
class ReactiveMtlsServerIntegrationTests extends MtlsServerSpecification {

	ReactiveMtlsServerIntegrationTests() {
		super(WebStack.REACTIVE);
	}

	/**
	 * Known difference: with TLS 1.3 the client sends its request right after its own
	 * Finished message; when Netty then refuses the certificate it closes the connection
	 * with that request unread, and the client at times sees the connection end before
	 * the certificate alert (Tomcat's close lets the alert through). Either way the
	 * handshake failed and no response was sent.
	 */
	@Override
	protected void assertRefusedCertificate(ThrowingCallable call) {
		Throwable thrown = catchThrowable(call);
		assertThat(thrown).as("the request should have been refused in the handshake").isNotNull();
		assertThat(HandshakeRefusal.isCertificateRefusal(thrown) || isClosedWithoutResponse(thrown))
			.as("a certificate alert, or the connection closed before any response, in %s", thrown)
			.isTrue();
	}

	private static boolean isClosedWithoutResponse(Throwable thrown) {
		return thrown instanceof IOException && thrown.getMessage() != null
				&& (thrown.getMessage().contains("received no bytes")
						|| thrown.getMessage().contains("Connection reset"));
	}

}
