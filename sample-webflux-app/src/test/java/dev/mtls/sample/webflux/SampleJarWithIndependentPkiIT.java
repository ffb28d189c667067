package dev.mtls.sample.webflux;

import dev.mtls.sample.SampleJarWithIndependentPkiSpecification;

/**
 * {@link SampleJarWithIndependentPkiSpecification} against the WebFlux sample (Reactor
 * Netty).
 */
class SampleJarWithIndependentPkiIT extends SampleJarWithIndependentPkiSpecification {

}
