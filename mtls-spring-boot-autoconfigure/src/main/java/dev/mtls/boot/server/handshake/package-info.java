/**
 * TLS handshakes the server refused: why (reason), who (peer address) and with which
 * certificate, reported to {@link dev.mtls.boot.server.handshake.HandshakeRefusalListener
 * listeners} (log, metrics, actuator). The decision logic is stack-neutral; Tomcat is
 * hooked by giving each {@code SSLHostConfig} certificate an SSL context built by
 * Tomcat's own code with observing trust managers and engines.
 */
@NullMarked
package dev.mtls.boot.server.handshake;

import org.jspecify.annotations.NullMarked;
