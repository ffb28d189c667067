package dev.mtls.boot.oauth2;

import java.util.List;

import dev.mtls.boot.auth.BearerTokenRequirement;
import dev.mtls.boot.auth.MtlsAuthProperties;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The bearer token requirement of a request: that of the first {@code mtls.auth.paths[n]}
 * whose pattern matches (the same first-match rule as the certificate path policy), else
 * {@code mtls.auth.bearer-token}. Decided once per request and kept in a request
 * attribute, as the token resolver and the policy filter both ask.
 */
final class BearerTokenPaths {

	private static final String ATTRIBUTE = BearerTokenPaths.class.getName() + ".REQUIREMENT";

	private final List<Entry> entries;

	private final BearerTokenRequirement defaultRequirement;

	BearerTokenPaths(MtlsAuthProperties properties, PathPatternRequestMatcher.Builder matchers) {
		this.defaultRequirement = properties.getBearerToken();
		this.entries = properties.getPaths()
			.stream()
			.filter((policy) -> policy.getPattern() != null && !policy.getPattern().isBlank())
			.map((policy) -> new Entry(matchers.matcher(policy.getPattern().trim()),
					(policy.getBearerToken() != null) ? policy.getBearerToken() : this.defaultRequirement))
			.toList();
	}

	/**
	 * Return whether any request can need a bearer token.
	 */
	static boolean anyRequired(MtlsAuthProperties properties) {
		return properties.getBearerToken() != BearerTokenRequirement.NONE || properties.getPaths()
			.stream()
			.anyMatch((policy) -> policy.getBearerToken() != null
					&& policy.getBearerToken() != BearerTokenRequirement.NONE);
	}

	BearerTokenRequirement requirement(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof BearerTokenRequirement known) {
			return known;
		}
		BearerTokenRequirement requirement = this.defaultRequirement;
		for (Entry entry : this.entries) {
			if (entry.matcher().matches(request)) {
				requirement = entry.requirement();
				break;
			}
		}
		request.setAttribute(ATTRIBUTE, requirement);
		return requirement;
	}

	private record Entry(RequestMatcher matcher, BearerTokenRequirement requirement) {

	}

}
