package dev.mtls.boot.auth;

import dev.mtls.boot.pki.ControlCharacters;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ControlCharacters}.
 */
class ControlCharactersTests {

	@Test
	void escapeLeavesPlainTextAndNullAlone() {
		String plain = "CN=Zoë Smith Jr.,O=Example";
		assertThat(ControlCharacters.escape(plain)).isSameAs(plain);
		assertThat(ControlCharacters.escape(null)).isNull();
	}

	@Test
	void escapeDoublesBackslashesSoLiteralEscapesCannotPassForEscapedLineBreaks() {
		assertThat(ControlCharacters.escape("CN=Smith\\, John")).isEqualTo("CN=Smith\\\\, John");
		assertThat(ControlCharacters.escape("alice\\u000aINFO")).isNotEqualTo(ControlCharacters.escape("alice\nINFO"))
			.isEqualTo("alice\\\\u000aINFO");
	}

	@Test
	void escapeTurnsLineBreaksIntoUnicodeEscapesSoTheyCannotForgeLogLines() {
		assertThat(ControlCharacters.escape("alice\nINFO forged\r\n"))
			.isEqualTo("alice\\u000aINFO forged\\u000d\\u000a");
		assertThat(ControlCharacters.escape("a\u2028b\u2029c")).isEqualTo("a\\u2028b\\u2029c");
	}

	@Test
	void escapeCoversC0DeleteAndC1Controls() {
		assertThat(ControlCharacters.escape("\u0000\t\u001b\u007f\u0085\u009f"))
			.isEqualTo("\\u0000\\u0009\\u001b\\u007f\\u0085\\u009f");
	}

	@Test
	void containsAnyDetectsControlsOnly() {
		assertThat(ControlCharacters.containsAny("a\u0000b")).isTrue();
		assertThat(ControlCharacters.containsAny("a\u00a0b")).isFalse();
		assertThat(ControlCharacters.containsAny(" spaced ")).isFalse();
		assertThat(ControlCharacters.containsAny("")).isFalse();
	}

}
