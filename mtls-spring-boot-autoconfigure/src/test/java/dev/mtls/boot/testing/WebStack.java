package dev.mtls.boot.testing;

/**
 * The web stacks a shared specification runs on: Spring MVC on Tomcat, and Spring WebFlux
 * on Reactor Netty (its TLS set up with Boot's own {@code server.ssl.*} and an SSL
 * bundle).
 */
public enum WebStack {

	SERVLET, REACTIVE

}
