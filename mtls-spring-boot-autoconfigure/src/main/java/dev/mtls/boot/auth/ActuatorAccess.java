package dev.mtls.boot.auth;

import java.util.List;

import dev.mtls.boot.pki.MtlsMaterialException;

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

	/**
	 * Refuse an optional path policy that names Actuator endpoints while they need an
	 * operator role: it reads as if those endpoints were open without a certificate, but
	 * the role wins. Broader patterns such as {@code /**} keep the role in force without
	 * complaint; health is open anyway.
	 * @param paths {@code mtls.auth.paths}
	 * @param roles {@code mtls.auth.actuator-roles}
	 * @param basePath {@code management.endpoints.web.base-path}
	 */
	static void checkOptionalPaths(List<MtlsAuthProperties.PathPolicy> paths, List<String> roles, String basePath) {
		if (!ACTUATOR_PRESENT || roles.stream().allMatch(String::isBlank)) {
			return;
		}
		String base = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
		if (base.isEmpty()) {
			return;
		}
		for (int i = 0; i < paths.size(); i++) {
			MtlsAuthProperties.PathPolicy policy = paths.get(i);
			if (policy.isRequired() || policy.getPattern() == null) {
				continue;
			}
			String pattern = policy.getPattern().trim();
			boolean namesActuator = pattern.equals(base) || pattern.startsWith(base + "/");
			boolean healthOnly = pattern.equals(base + "/health") || pattern.startsWith(base + "/health/");
			if (namesActuator && !healthOnly) {
				throw new MtlsMaterialException("mtls.auth.paths[" + i + "].pattern",
						"the optional path policy '" + pattern + "' names Actuator endpoints, which need one of "
								+ "mtls.auth.actuator-roles " + roles + ", so they would not be open without a "
								+ "certificate as the policy reads",
						"Remove that path policy (Actuator endpoints other than health stay operator-only), or "
								+ "set mtls.auth.actuator-roles= (empty) to let any accepted certificate read "
								+ "them, or move Actuator to its own port with management.server.port.");
			}
		}
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
