package dev.mtls.boot.auth;

import java.util.List;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.util.ClassUtils;

/**
 * Operator-only Actuator endpoints on the starter's default chain: health stays open (its
 * details follow {@code management.endpoint.health.show-details}), every other endpoint
 * needs one of {@code mtls.auth.actuator-roles}. Uses Boot's {@link EndpointRequest}, so
 * the base path and a separate management port are respected.
 */
final class ActuatorAccess {

	private static final boolean ACTUATOR_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest",
			ActuatorAccess.class.getClassLoader())
			&& ClassUtils.isPresent("org.springframework.boot.health.actuate.endpoint.HealthEndpoint",
					ActuatorAccess.class.getClassLoader());

	private ActuatorAccess() {
	}

	static void restrict(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests,
			List<String> roles) {
		if (ACTUATOR_PRESENT) {
			Matchers.restrict(requests, roles);
		}
	}

	/**
	 * Loaded only with Actuator on the class path.
	 */
	private static final class Matchers {

		static void restrict(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests,
				List<String> roles) {
			requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll();
			List<String> required = roles.stream().map(String::trim).filter((role) -> !role.isEmpty()).toList();
			if (!required.isEmpty()) {
				requests.requestMatchers(EndpointRequest.toAnyEndpoint()).hasAnyRole(required.toArray(new String[0]));
			}
		}

	}

}
