package dev.mtls.boot.openapi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mtls.boot.auth.BearerTokenRequirement;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Declares the {@code mutualTLS} security scheme (OpenAPI 3.1) in the document and
 * attaches it to every operation that needs a client certificate, with the roles required
 * in the operation's description and in the extension {@value #ROLES_EXTENSION}.
 * Operations under an optional path policy ({@code mtls.auth.paths[n].required=false})
 * get the scheme as an alternative to none. Where a path also needs an OAuth2 bearer
 * token ({@code mtls.auth.bearer-token}, {@code mtls.auth.paths[n].bearer-token}), the
 * {@value #BEARER_SCHEME} scheme is required together with the certificate.
 */
public class MtlsOpenApiCustomizer implements GlobalOpenApiCustomizer {

	/** Name of the client certificate security scheme. */
	public static final String MUTUAL_TLS_SCHEME = "mutualTLS";

	/** Name of the bearer token security scheme. */
	public static final String BEARER_SCHEME = "bearerAuth";

	/** Extension listing the roles an operation's certificate needs. */
	public static final String ROLES_EXTENSION = "x-mtls-roles";

	static final String ANNOTATION_ROLES_EXTENSION = "x-mtls-require-certificate";

	private final List<PathRule> rules;

	private final BearerTokenRequirement defaultBearerToken;

	/**
	 * Create a customizer for the given path rules.
	 * @param rules the path rules, first match wins (as {@code mtls.auth.paths})
	 * @param defaultBearerToken the bearer token requirement where no rule sets one
	 */
	public MtlsOpenApiCustomizer(List<PathRule> rules, BearerTokenRequirement defaultBearerToken) {
		this.rules = List.copyOf(rules);
		this.defaultBearerToken = defaultBearerToken;
	}

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		openApi.getComponents()
			.addSecuritySchemes(MUTUAL_TLS_SCHEME, new SecurityScheme().type(SecurityScheme.Type.MUTUALTLS)
				.description("TLS client certificate issued by a CA the server trusts."));
		boolean bearerUsed = false;
		if (openApi.getPaths() != null) {
			for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
				PathRule rule = ruleFor(path.getKey());
				for (Operation operation : path.getValue().readOperations()) {
					bearerUsed |= secure(operation, rule);
				}
			}
		}
		if (bearerUsed) {
			openApi.getComponents()
				.addSecuritySchemes(BEARER_SCHEME,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("OAuth2 access token, sent together with the client certificate."));
		}
	}

	private @Nullable PathRule ruleFor(String path) {
		PathContainer container = PathContainer.parsePath(path);
		for (PathRule rule : this.rules) {
			if (rule.pattern.matches(container)) {
				return rule;
			}
		}
		return null;
	}

	/**
	 * Attach the requirement to one operation; return whether it needs a bearer token.
	 */
	private boolean secure(Operation operation, @Nullable PathRule rule) {
		Object annotated = (operation.getExtensions() != null)
				? operation.getExtensions().remove(ANNOTATION_ROLES_EXTENSION) : null;
		Set<String> roles = new LinkedHashSet<>();
		if (rule != null) {
			roles.addAll(rule.roles);
		}
		if (annotated instanceof List<?> list) {
			list.forEach((role) -> roles.add(String.valueOf(role)));
		}
		boolean certificateRequired = rule == null || rule.certificateRequired || annotated != null;
		BearerTokenRequirement bearer = (rule != null && rule.bearerToken != null) ? rule.bearerToken
				: this.defaultBearerToken;
		List<SecurityRequirement> requirements = new ArrayList<>();
		SecurityRequirement certificate = new SecurityRequirement().addList(MUTUAL_TLS_SCHEME);
		if (bearer != BearerTokenRequirement.NONE) {
			if (certificateRequired) {
				certificate.addList(BEARER_SCHEME);
				requirements.add(certificate);
			}
			else {
				requirements.add(new SecurityRequirement().addList(BEARER_SCHEME));
			}
		}
		else {
			requirements.add(certificate);
			if (!certificateRequired) {
				// OpenAPI: an empty requirement makes the others optional.
				requirements.add(0, new SecurityRequirement());
			}
		}
		operation.setSecurity(requirements);
		if (!roles.isEmpty()) {
			operation.addExtension(ROLES_EXTENSION, List.copyOf(roles));
		}
		appendDescription(operation, describe(certificateRequired, roles, bearer));
		return bearer != BearerTokenRequirement.NONE;
	}

	private static String describe(boolean certificateRequired, Set<String> roles, BearerTokenRequirement bearer) {
		StringBuilder text = new StringBuilder(
				certificateRequired ? "Requires a client certificate (mutual TLS)" : "Accepts a client certificate");
		if (!roles.isEmpty()) {
			text.append((roles.size() == 1) ? " with the role " : " with one of the roles ")
				.append(String.join(", ", roles));
		}
		text.append('.');
		if (bearer == BearerTokenRequirement.REQUIRED) {
			text.append(" Also requires an OAuth2 bearer token.");
		}
		else if (bearer == BearerTokenRequirement.CERTIFICATE_BOUND) {
			text.append(" Also requires an OAuth2 bearer token bound to the client certificate (RFC 8705).");
		}
		return text.toString();
	}

	private static void appendDescription(Operation operation, String text) {
		String existing = operation.getDescription();
		operation.setDescription((existing == null || existing.isBlank()) ? text : existing + "\n\n" + text);
	}

	/**
	 * What a path pattern demands, as one {@code mtls.auth.paths[n]} entry says.
	 */
	public static final class PathRule {

		private final PathPattern pattern;

		private final boolean certificateRequired;

		private final List<String> roles;

		private final @Nullable BearerTokenRequirement bearerToken;

		/**
		 * Create a rule.
		 * @param pattern the path pattern
		 * @param certificateRequired whether a certificate is required
		 * @param roles the roles of which the certificate needs one
		 * @param bearerToken the bearer token requirement, {@code null} for the default
		 */
		public PathRule(String pattern, boolean certificateRequired, List<String> roles,
				@Nullable BearerTokenRequirement bearerToken) {
			this.pattern = PathPatternParser.defaultInstance.parse(pattern);
			this.certificateRequired = certificateRequired;
			this.roles = List.copyOf(roles);
			this.bearerToken = bearerToken;
		}

	}

}
