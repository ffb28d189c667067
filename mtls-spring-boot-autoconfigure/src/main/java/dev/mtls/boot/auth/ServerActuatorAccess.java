package dev.mtls.boot.auth;

import java.util.List;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.util.ClassUtils;

/**
 * Reactive counterpart of {@link ActuatorAccess}: health open, every other endpoint for
 * {@code mtls.auth.actuator-roles}, through Boot's reactive {@link EndpointRequest}.
 */
final class ServerActuatorAccess {

	private static final boolean ACTUATOR_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest",
			ServerActuatorAccess.class.getClassLoader())
			&& ClassUtils.isPresent("org.springframework.boot.health.actuate.endpoint.HealthEndpoint",
					ServerActuatorAccess.class.getClassLoader());

	private ServerActuatorAccess() {
	}

	static void restrict(ServerHttpSecurity.AuthorizeExchangeSpec exchanges, List<String> roles) {
		if (ACTUATOR_PRESENT) {
			Matchers.restrict(exchanges, roles);
		}
	}

	/**
	 * Loaded only with Actuator on the class path.
	 */
	private static final class Matchers {

		static void restrict(ServerHttpSecurity.AuthorizeExchangeSpec exchanges, List<String> roles) {
			exchanges.matchers(EndpointRequest.to(HealthEndpoint.class)).permitAll();
			List<String> required = roles.stream().map(String::trim).filter((role) -> !role.isEmpty()).toList();
			if (!required.isEmpty()) {
				exchanges.matchers(EndpointRequest.toAnyEndpoint()).hasAnyRole(required.toArray(new String[0]));
			}
		}

	}

}
