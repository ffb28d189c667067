package dev.mtls.boot.auth;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Validation of SPIFFE IDs as the SPIFFE-ID specification defines them: scheme
 * {@code spiffe}, a lower-case trust domain, a path of non-empty segments made of
 * letters, digits, '.', '-' and '_', no '.'/'..' segments, no trailing slash, no query,
 * fragment, port or user info. Nothing is normalised.
 */
final class SpiffeId {

	private static final Pattern TRUST_DOMAIN = Pattern.compile("[a-z0-9._-]+");

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

	private static final String PREFIX = "spiffe://";

	private static final int MAX_LENGTH = 2048;

	private SpiffeId() {
	}

	/**
	 * Return whether {@code trustDomain} is a valid SPIFFE trust domain name.
	 */
	static boolean isTrustDomain(String trustDomain) {
		return !trustDomain.isEmpty() && TRUST_DOMAIN.matcher(trustDomain).matches();
	}

	/**
	 * Return the trust domain of a valid SPIFFE ID.
	 */
	static String trustDomain(String spiffeId) {
		String rest = spiffeId.substring(PREFIX.length());
		int slash = rest.indexOf('/');
		return (slash >= 0) ? rest.substring(0, slash) : rest;
	}

	/**
	 * Return why {@code uri} is not a valid SPIFFE ID, or {@code null} when it is.
	 */
	static @Nullable String problem(String uri) {
		if (uri.length() > MAX_LENGTH) {
			return "SPIFFE ID longer than " + MAX_LENGTH + " characters";
		}
		if (!uri.startsWith(PREFIX)) {
			return "URI SAN is not a spiffe:// URI";
		}
		String rest = uri.substring(PREFIX.length());
		int slash = rest.indexOf('/');
		String trustDomain = (slash >= 0) ? rest.substring(0, slash) : rest;
		if (trustDomain.isEmpty() || !TRUST_DOMAIN.matcher(trustDomain).matches()) {
			return "SPIFFE ID has an invalid trust domain";
		}
		if (slash < 0) {
			return null;
		}
		String path = rest.substring(slash);
		if (path.equals("/") || path.endsWith("/")) {
			return "SPIFFE ID path ends with '/'";
		}
		for (String segment : path.substring(1).split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
					|| !SEGMENT.matcher(segment).matches()) {
				return "SPIFFE ID path has an invalid segment";
			}
		}
		return null;
	}

}
