package dev.mtls.boot.pki;

import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * Control characters in certificate names: refused in identities, escaped in logs so that
 * a crafted name cannot forge log lines.
 */
public final class ControlCharacters {

	private ControlCharacters() {
	}

	/**
	 * Return whether a value holds a control character (line breaks included).
	 * @param value the value
	 * @return whether it holds one
	 */
	public static boolean containsAny(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (isControl(value.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Escape control characters (including line breaks) as {@code \\uXXXX}, and
	 * backslashes as {@code \\\\} so that an escape in the output can only come from this
	 * method.
	 */
	@Contract("!null -> !null")
	public static @Nullable String escape(@Nullable String value) {
		if (value == null || (!containsAny(value) && value.indexOf('\\') < 0)) {
			return value;
		}
		StringBuilder escaped = new StringBuilder(value.length() + 16);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (isControl(c)) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else if (c == '\\') {
				escaped.append("\\\\");
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private static boolean isControl(char c) {
		return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
	}

}
