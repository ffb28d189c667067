package dev.mtls.boot.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Envoy's {@code X-Forwarded-Client-Cert}: elements separated by ',', each a list of
 * {@code key=value} pairs separated by ';', values optionally double-quoted with
 * {@code \"} escapes. Keys that identify the certificate may occur once per element; URI
 * and DNS may repeat.
 */
final class XfccHeader {

	private static final Set<String> SINGLE_KEYS = Set.of("by", "hash", "cert", "chain", "subject");

	private XfccHeader() {
	}

	/**
	 * Parse a header value into its elements, keys lower-cased.
	 */
	static List<Map<String, String>> parse(String value) {
		List<Map<String, String>> elements = new ArrayList<>();
		for (String element : split(value, ',')) {
			Map<String, String> pairs = new LinkedHashMap<>();
			for (String pair : split(element, ';')) {
				if (pair.isBlank()) {
					continue;
				}
				int equals = pair.indexOf('=');
				if (equals <= 0) {
					throw new MalformedForwardedCertificateException("XFCC pair without key=value");
				}
				String key = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
				String pairValue = unquote(pair.substring(equals + 1).strip());
				if (pairs.containsKey(key) && SINGLE_KEYS.contains(key)) {
					throw new MalformedForwardedCertificateException("XFCC element repeats the key " + key);
				}
				pairs.putIfAbsent(key, pairValue);
			}
			if (pairs.isEmpty()) {
				throw new MalformedForwardedCertificateException("empty XFCC element");
			}
			elements.add(pairs);
		}
		return elements;
	}

	private static List<String> split(String value, char separator) {
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (quoted && c == '\\' && i + 1 < value.length()) {
				current.append(c).append(value.charAt(++i));
			}
			else if (c == '"') {
				quoted = !quoted;
				current.append(c);
			}
			else if (c == separator && !quoted) {
				parts.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		if (quoted) {
			throw new MalformedForwardedCertificateException("unterminated quote in XFCC header");
		}
		parts.add(current.toString());
		return parts;
	}

	private static String unquote(String value) {
		if (value.length() < 2 || value.charAt(0) != '"') {
			if (value.indexOf('"') >= 0) {
				throw new MalformedForwardedCertificateException("misplaced quote in XFCC header");
			}
			return value;
		}
		if (value.charAt(value.length() - 1) != '"') {
			throw new MalformedForwardedCertificateException("misplaced quote in XFCC header");
		}
		StringBuilder unquoted = new StringBuilder(value.length());
		for (int i = 1; i < value.length() - 1; i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length() - 1) {
				unquoted.append(value.charAt(++i));
			}
			else if (c == '"') {
				throw new MalformedForwardedCertificateException("misplaced quote in XFCC header");
			}
			else {
				unquoted.append(c);
			}
		}
		return unquoted.toString();
	}

}
