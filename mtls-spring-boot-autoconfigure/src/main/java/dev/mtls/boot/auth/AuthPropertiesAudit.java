package dev.mtls.boot.auth;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.mtls.boot.pki.CertificateFingerprint;
import dev.mtls.boot.pki.MtlsMaterialException;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.core.env.Environment;

/**
 * Refuses {@code mtls.auth.*} settings that would silently do nothing or less than they
 * read: allow-list entries that are no fingerprint, path patterns that can match no
 * request, role keys that can never equal a principal of the configured source (such as a
 * SPIFFE ID whose {@code :} a {@code .properties} file took as the key's end).
 */
final class AuthPropertiesAudit {

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

	private static final String BEARER_TOKEN_FILTER = "org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter";

	private AuthPropertiesAudit() {
	}

	/**
	 * Check the properties read by the end-entity and path policies.
	 */
	static void check(MtlsAuthProperties properties) {
		checkFingerprints("mtls.auth.allowed-fingerprints", properties.getAllowedFingerprints());
		List<MtlsAuthProperties.PathPolicy> paths = properties.getPaths();
		for (int i = 0; i < paths.size(); i++) {
			MtlsAuthProperties.PathPolicy policy = paths.get(i);
			String prefix = "mtls.auth.paths[" + i + "]";
			String pattern = policy.getPattern();
			if (pattern == null || pattern.isBlank()) {
				throw new MtlsMaterialException(prefix + ".pattern", "a path policy has no pattern",
						"Set " + prefix + ".pattern, e.g. /api/public/**.");
			}
			if (!pattern.trim().startsWith("/")) {
				throw new MtlsMaterialException(prefix + ".pattern",
						"pattern '" + pattern + "' does not start with '/', so it matches no request path",
						"Write the path as the request sees it, e.g. /" + pattern.trim() + ".");
			}
			checkFingerprints(prefix + ".allowed-fingerprints", policy.getAllowedFingerprints());
		}
	}

	/**
	 * Check that bearer token requirements can be met with the given class loader.
	 */
	static void checkBearerTokens(MtlsAuthProperties properties, @Nullable ClassLoader classLoader) {
		List<MtlsAuthProperties.PathPolicy> paths = properties.getPaths();
		for (int i = 0; i < paths.size(); i++) {
			checkBearerTokenSupport("mtls.auth.paths[" + i + "].bearer-token", paths.get(i).getBearerToken(),
					classLoader);
		}
		checkBearerTokenSupport("mtls.auth.bearer-token", properties.getBearerToken(), classLoader);
	}

	/**
	 * Bearer tokens next to certificates exist on Spring MVC only so far; on WebFlux the
	 * requirement would silently be dropped, so it stops startup.
	 */
	static void checkNoBearerTokensOnWebFlux(MtlsAuthProperties properties) {
		List<MtlsAuthProperties.PathPolicy> paths = properties.getPaths();
		for (int i = 0; i < paths.size(); i++) {
			refuseBearerTokenOnWebFlux("mtls.auth.paths[" + i + "].bearer-token", paths.get(i).getBearerToken());
		}
		refuseBearerTokenOnWebFlux("mtls.auth.bearer-token", properties.getBearerToken());
	}

	private static void refuseBearerTokenOnWebFlux(String property, @Nullable BearerTokenRequirement requirement) {
		if (requirement != null && requirement != BearerTokenRequirement.NONE) {
			throw new MtlsMaterialException(property,
					"bearer tokens together with certificates are supported on Spring MVC only, and this is a "
							+ "WebFlux application",
					"Set " + property + "=none, or run the API on Spring MVC.");
		}
	}

	/**
	 * A bearer token requirement needs Spring Security's resource server to check tokens;
	 * without it the requirement would silently be dropped.
	 */
	private static void checkBearerTokenSupport(String property, @Nullable BearerTokenRequirement requirement,
			@Nullable ClassLoader classLoader) {
		if (requirement != null && requirement != BearerTokenRequirement.NONE
				&& !ClassUtils.isPresent(BEARER_TOKEN_FILTER, classLoader)) {
			throw new MtlsMaterialException(property,
					"bearer tokens are required but Spring Security's OAuth2 resource server is not on the class path",
					"Add org.springframework.boot:spring-boot-starter-security-oauth2-resource-server, or set "
							+ property + "=none.");
		}
	}

	private static void checkFingerprints(String property, List<String> fingerprints) {
		for (String fingerprint : fingerprints) {
			if (!SHA256.matcher(CertificateFingerprint.normalize(fingerprint)).matches()) {
				throw new MtlsMaterialException(property,
						"entry '" + fingerprint + "' is not a SHA-256 fingerprint, so no certificate could match it",
						"Use the SHA-256 fingerprint of the certificate (64 hex digits, any case, colons optional), "
								+ "e.g. from: openssl x509 -in client.crt -noout -fingerprint -sha256");
			}
		}
	}

	/**
	 * Check that every principal key of a role table can equal a principal of the
	 * configured source.
	 * @param principalSource {@code mtls.auth.principal}
	 * @param table the role table, by principal
	 * @param property the property the table came from
	 */
	static void checkRoleKeys(String principalSource, Map<String, ?> table, String property) {
		String source = principalSource.trim();
		for (String key : table.keySet()) {
			String problem = problem(source, key);
			if (problem != null) {
				throw new MtlsMaterialException(property,
						"principal '" + key + "' " + problem + " (mtls.auth.principal=" + source
								+ "), so its roles would never apply",
						"Write the principal exactly as mtls.auth.principal produces it. In a .properties file "
								+ "':' and '=' end a key: use brackets and escape them, e.g. "
								+ "mtls.auth.roles[spiffe\\://example.org/ns/api]=ADMIN, or put the mapping in "
								+ "mtls.auth.roles-file.");
			}
		}
	}

	/**
	 * Refuse optional path policies that no request without a certificate can reach: on
	 * the only TLS port with {@code mtls.server.client-auth=need}, the handshake refuses
	 * such callers before any path is looked at.
	 * @param paths {@code mtls.auth.paths}
	 * @param environment the environment, for the server and proxy settings
	 */
	static void checkOptionalPathsReachable(List<MtlsAuthProperties.PathPolicy> paths, Environment environment) {
		boolean serverTls = environment.getProperty("mtls.enabled", Boolean.class, true)
				&& environment.getProperty("mtls.server.enabled", Boolean.class, true);
		String clientAuth = environment.getProperty("mtls.server.client-auth", "need").trim();
		if (!serverTls || !"need".equalsIgnoreCase(clientAuth) || environment.containsProperty("mtls.server.port")
				|| environment.getProperty("mtls.proxy.enabled", Boolean.class, false)) {
			return;
		}
		for (int i = 0; i < paths.size(); i++) {
			if (!paths.get(i).isRequired()) {
				throw new MtlsMaterialException("mtls.auth.paths[" + i + "].required",
						"the path policy '" + paths.get(i).getPattern() + "' makes certificates optional, but "
								+ "mtls.server.client-auth=need refuses every connection without a certificate in the "
								+ "TLS handshake, so no caller without one ever reaches it",
						"Set mtls.server.client-auth=want (the handshake asks for a certificate without requiring "
								+ "one; every other path still needs a certificate), or remove " + "mtls.auth.paths["
								+ i + "].required=false.");
			}
		}
	}

	private static @Nullable String problem(String source, String key) {
		return switch (source) {
			case "spiffe-id" -> (SpiffeId.problem(key) != null) ? "is not a SPIFFE ID" : null;
			case "fingerprint" ->
				SHA256.matcher(key).matches() ? null : "is not a lower-case SHA-256 fingerprint without colons";
			case "serial" -> HEX.matcher(key).matches() ? null : "is not a lower-case hex serial number";
			case "san-uri" -> key.contains(":") ? null : "is not a URI";
			case "san-email", "email" -> key.contains("@") ? null : "is not an e-mail address";
			default -> null;
		};
	}

}
