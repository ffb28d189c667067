package dev.mtls.boot.testing;

import java.util.function.Function;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web stacks the starter serves mutual TLS on, each with its echo application, so
 * that one specification of server behaviour runs on both and a divergence fails the
 * build.
 */
public enum WebStack {

	/**
	 * Spring MVC on Tomcat.
	 */
	SERVLET(TestServerApplication::run),

	/**
	 * Spring WebFlux on Reactor Netty.
	 */
	REACTIVE(ReactiveTestServerApplication::run);

	private final Function<String[], ConfigurableApplicationContext> runner;

	WebStack(Function<String[], ConfigurableApplicationContext> runner) {
		this.runner = runner;
	}

	/**
	 * Start this stack's echo application ({@code GET /hello} answers
	 * {@code hello <subject>} or {@code hello anonymous}) with the given properties.
	 * @param properties the properties
	 * @return the running application
	 */
	public ConfigurableApplicationContext run(String... properties) {
		return this.runner.apply(properties);
	}

}
