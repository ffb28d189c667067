package dev.mtls.boot.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Decides whether a request is a cross-origin request from a browser that must be
 * refused, from what browsers send: {@code Sec-Fetch-Site}, else {@code Origin}. It takes
 * the place of session-token CSRF protection, which no certificate-authenticated API
 * client can satisfy, while a browser holding an imported client certificate (an ambient
 * credential, presented on cross-site requests too) stays protected. The algorithm is
 * that of Go's {@code net/http.CrossOriginProtection}:
 * <ol>
 * <li>{@code GET}, {@code HEAD} and {@code OPTIONS} pass: they must not change
 * state.</li>
 * <li>{@code Sec-Fetch-Site: same-origin} or {@code none} (the user typed the URL)
 * passes; {@code cross-site}, and {@code same-site} unless allowed, are refused.</li>
 * <li>Without {@code Sec-Fetch-Site} (older browsers), an {@code Origin} that is not the
 * request's own origin is refused.</li>
 * <li>Neither header: not a browser (curl, Java and other API clients), passes on to
 * authentication and authorization.</li>
 * </ol>
 * Requests from a trusted origin and requests to exempt paths pass. Takes strings only,
 * no request type, so that every web stack decides the same way.
 */
final class CrossOriginRequestPolicy {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private final Set<String> trustedOrigins;

	private final boolean allowSameSite;

	private final List<PathPattern> exemptPaths;

	/**
	 * Create a policy.
	 * @param trustedOrigins origins ({@code scheme://host[:port]}) whose unsafe requests
	 * pass
	 * @param allowSameSite whether requests from another origin of the same site pass
	 * @param exemptPaths path patterns whose requests pass, such as webhooks
	 * @throws IllegalArgumentException when an origin or a pattern is malformed
	 */
	CrossOriginRequestPolicy(List<String> trustedOrigins, boolean allowSameSite, List<String> exemptPaths) {
		this.trustedOrigins = trustedOrigins.stream()
			.map(CrossOriginRequestPolicy::trustedOrigin)
			.collect(Collectors.toUnmodifiableSet());
		this.allowSameSite = allowSameSite;
		this.exemptPaths = exemptPaths.stream().map(CrossOriginRequestPolicy::exemptPath).toList();
	}

	/**
	 * Decide on a request.
	 * @param method the HTTP method
	 * @param secFetchSite the {@code Sec-Fetch-Site} header, or {@code null}
	 * @param origin the {@code Origin} header, or {@code null}
	 * @param requestOrigin the request's own origin, {@code scheme://host[:port]}
	 * @param path the request path within the application, normalised
	 * @return the verdict
	 */
	Verdict decide(String method, @Nullable String secFetchSite, @Nullable String origin, String requestOrigin,
			String path) {
		if (isSafe(method)) {
			return Verdict.ALLOWED;
		}
		if (secFetchSite != null && !secFetchSite.isEmpty()) {
			return switch (secFetchSite.toLowerCase(Locale.ROOT)) {
				case "same-origin", "none" -> Verdict.ALLOWED;
				case "same-site" ->
					(this.allowSameSite || isExempt(origin, path)) ? Verdict.ALLOWED : Verdict.SAME_SITE;
				default -> isExempt(origin, path) ? Verdict.ALLOWED : Verdict.CROSS_SITE;
			};
		}
		if (origin == null || origin.isEmpty()) {
			return Verdict.ALLOWED;
		}
		if (normalize(origin).equals(normalize(requestOrigin)) || isExempt(origin, path)) {
			return Verdict.ALLOWED;
		}
		return Verdict.ORIGIN_MISMATCH;
	}

	/**
	 * Whether a method is one that must not change state, which the policy always lets
	 * pass.
	 * @param method the HTTP method
	 * @return whether it is GET, HEAD or OPTIONS
	 */
	static boolean isSafe(String method) {
		return SAFE_METHODS.contains(method);
	}

	private boolean isExempt(@Nullable String origin, String path) {
		if (origin != null && this.trustedOrigins.contains(normalize(origin))) {
			return true;
		}
		if (this.exemptPaths.isEmpty()) {
			return false;
		}
		PathContainer container = PathContainer.parsePath(path);
		for (PathPattern pattern : this.exemptPaths) {
			if (pattern.matches(container)) {
				return true;
			}
		}
		return false;
	}

	private static PathPattern exemptPath(String pattern) {
		try {
			return PathPatternParser.defaultInstance.parse(pattern.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("mtls.auth.cross-origin.exempt-paths: '" + pattern
					+ "' is not a path pattern (" + ex.getMessage() + "); write for example /webhooks/**", ex);
		}
	}

	private static String trustedOrigin(String origin) {
		String trimmed = origin.trim();
		try {
			URI uri = new URI(trimmed);
			if (uri.getScheme() == null || uri.getHost() == null
					|| (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
					|| uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
				throw new IllegalArgumentException(notAnOrigin(origin, "it has no scheme or host, or has more"));
			}
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(notAnOrigin(origin, ex.getReason()), ex);
		}
		return normalize(trimmed);
	}

	private static String notAnOrigin(String origin, String problem) {
		return "mtls.auth.cross-origin.trusted-origins: '" + origin + "' is not an origin (" + problem
				+ "); write scheme://host or scheme://host:port without a path, e.g. https://app.example.com";
	}

	/**
	 * Lower case, without the scheme's default port, so that
	 * {@code https://A.example:443} and {@code https://a.example} are the same origin
	 * (RFC 6454 section 4).
	 */
	static String normalize(String origin) {
		String lower = origin.trim().toLowerCase(Locale.ROOT);
		if (lower.startsWith("https://") && lower.endsWith(":443")) {
			return lower.substring(0, lower.length() - 4);
		}
		if (lower.startsWith("http://") && lower.endsWith(":80")) {
			return lower.substring(0, lower.length() - 3);
		}
		return lower;
	}

	/**
	 * What the policy decided, and why, for the caller and the log.
	 */
	enum Verdict {

		ALLOWED(null),

		CROSS_SITE("Sec-Fetch-Site is cross-site"),

		SAME_SITE("Sec-Fetch-Site is same-site"),

		ORIGIN_MISMATCH("Origin does not match the request's own origin");

		private final @Nullable String reason;

		Verdict(@Nullable String reason) {
			this.reason = reason;
		}

		boolean isAllowed() {
			return this == ALLOWED;
		}

		@Nullable String reason() {
			return this.reason;
		}

	}

}
