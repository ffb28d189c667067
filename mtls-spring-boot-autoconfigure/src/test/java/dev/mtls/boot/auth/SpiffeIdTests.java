package dev.mtls.boot.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpiffeId}: the SPIFFE-ID specification's rules, without normalisation.
 */
class SpiffeIdTests {

	@Test
	void acceptsValidIds() {
		assertThat(SpiffeId.problem("spiffe://example.org/ns/prod/sa/api")).isNull();
		assertThat(SpiffeId.problem("spiffe://example.org")).isNull();
		assertThat(SpiffeId.problem("spiffe://trust-domain_1.example/Upper.Case-path_9")).isNull();
	}

	@Test
	void refusesOtherSchemesIncludingUpperCaseSpiffe() {
		assertThat(SpiffeId.problem("https://example.org/ns/prod")).isEqualTo("URI SAN is not a spiffe:// URI");
		assertThat(SpiffeId.problem("SPIFFE://example.org/ns/prod")).isEqualTo("URI SAN is not a spiffe:// URI");
		assertThat(SpiffeId.problem("spiffe:example.org/ns/prod")).isEqualTo("URI SAN is not a spiffe:// URI");
	}

	@Test
	void refusesInvalidTrustDomains() {
		for (String id : new String[] { "spiffe://", "spiffe:///ns/prod", "spiffe://Example.org/ns/prod",
				"spiffe://example.org:8443/ns/prod", "spiffe://user@example.org/ns/prod", "spiffe://exa mple.org",
				"spiffe://example.org?x=1" }) {
			assertThat(SpiffeId.problem(id)).as(id).isEqualTo("SPIFFE ID has an invalid trust domain");
		}
	}

	@Test
	void refusesTrailingSlash() {
		assertThat(SpiffeId.problem("spiffe://example.org/")).isEqualTo("SPIFFE ID path ends with '/'");
		assertThat(SpiffeId.problem("spiffe://example.org/ns/prod/")).isEqualTo("SPIFFE ID path ends with '/'");
	}

	@Test
	void refusesDotSegmentsEmptySegmentsAndCharactersOutsideTheSegmentAlphabet() {
		for (String id : new String[] { "spiffe://example.org/ns/../prod", "spiffe://example.org/ns/./prod",
				"spiffe://example.org/..", "spiffe://example.org//prod", "spiffe://example.org/ns/prod?x=1",
				"spiffe://example.org/ns/prod#frag", "spiffe://example.org/ns/pr%6fd", "spiffe://example.org/ns/pr od",
				"spiffe://example.org/ns/pröd" }) {
			assertThat(SpiffeId.problem(id)).as(id).isEqualTo("SPIFFE ID path has an invalid segment");
		}
	}

	@Test
	void refusesIdsLongerThan2048Characters() {
		String id = "spiffe://example.org/" + "a".repeat(2048 - "spiffe://example.org/".length());
		assertThat(SpiffeId.problem(id)).isNull();
		assertThat(SpiffeId.problem(id + "a")).isEqualTo("SPIFFE ID longer than 2048 characters");
	}

}
