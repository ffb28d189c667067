package dev.mtls.boot.auth;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mtls.boot.auth.CrossOriginRequestPolicy.Verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The decision table of {@link CrossOriginRequestPolicy}, the algorithm of Go's
 * {@code net/http.CrossOriginProtection}.
 */
class CrossOriginRequestPolicyTests {

	private static final String SELF = "https://api.example.com:8443";

	private final CrossOriginRequestPolicy policy = new CrossOriginRequestPolicy(List.of(), false, List.of());

	@Test
	void safeMethodsPassWhateverTheHeaders() {
		for (String method : List.of("GET", "HEAD", "OPTIONS")) {
			assertThat(this.policy.decide(method, "cross-site", "https://evil.example", SELF, "/orders"))
				.isEqualTo(Verdict.ALLOWED);
		}
	}

	@Test
	void unsafeRequestsWithoutBrowserHeadersPass() {
		for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "PROPFIND")) {
			assertThat(this.policy.decide(method, null, null, SELF, "/orders")).isEqualTo(Verdict.ALLOWED);
			assertThat(this.policy.decide(method, "", "", SELF, "/orders")).isEqualTo(Verdict.ALLOWED);
		}
	}

	@Test
	void secFetchSiteDecidesWhenPresent() {
		assertThat(this.policy.decide("POST", "same-origin", null, SELF, "/orders")).isEqualTo(Verdict.ALLOWED);
		assertThat(this.policy.decide("POST", "none", null, SELF, "/orders")).isEqualTo(Verdict.ALLOWED);
		assertThat(this.policy.decide("POST", "cross-site", null, SELF, "/orders")).isEqualTo(Verdict.CROSS_SITE);
		assertThat(this.policy.decide("POST", "same-site", null, SELF, "/orders")).isEqualTo(Verdict.SAME_SITE);
		// Sec-Fetch-Site wins over a matching Origin: the browser knows better.
		assertThat(this.policy.decide("POST", "cross-site", SELF, SELF, "/orders")).isEqualTo(Verdict.CROSS_SITE);
	}

	@Test
	void unknownSecFetchSiteValueIsRefused() {
		assertThat(this.policy.decide("POST", "bogus", null, SELF, "/orders")).isEqualTo(Verdict.CROSS_SITE);
	}

	@Test
	void originDecidesWithoutSecFetchSite() {
		assertThat(this.policy.decide("DELETE", null, SELF, SELF, "/orders/1")).isEqualTo(Verdict.ALLOWED);
		assertThat(this.policy.decide("DELETE", null, "HTTPS://API.example.com:8443", SELF, "/orders/1"))
			.isEqualTo(Verdict.ALLOWED);
		assertThat(this.policy.decide("DELETE", null, "https://evil.example", SELF, "/orders/1"))
			.isEqualTo(Verdict.ORIGIN_MISMATCH);
		assertThat(this.policy.decide("DELETE", null, "http://api.example.com:8443", SELF, "/orders/1"))
			.isEqualTo(Verdict.ORIGIN_MISMATCH);
		assertThat(this.policy.decide("DELETE", null, "null", SELF, "/orders/1")).isEqualTo(Verdict.ORIGIN_MISMATCH);
	}

	@Test
	void defaultPortsAreTheSameOrigin() {
		assertThat(this.policy.decide("POST", null, "https://api.example.com", "https://api.example.com:443", "/"))
			.isEqualTo(Verdict.ALLOWED);
		assertThat(this.policy.decide("POST", null, "http://api.example.com:80", "http://api.example.com", "/"))
			.isEqualTo(Verdict.ALLOWED);
	}

	@Test
	void trustedOriginPassesCrossSiteAndMismatchedOrigin() {
		CrossOriginRequestPolicy trusting = new CrossOriginRequestPolicy(List.of(" https://App.example.com:443 "),
				false, List.of());
		assertThat(trusting.decide("POST", "cross-site", "https://app.example.com", SELF, "/orders"))
			.isEqualTo(Verdict.ALLOWED);
		assertThat(trusting.decide("POST", null, "https://app.example.com", SELF, "/orders"))
			.isEqualTo(Verdict.ALLOWED);
		assertThat(trusting.decide("POST", "cross-site", "https://app.example.com.evil.example", SELF, "/orders"))
			.isEqualTo(Verdict.CROSS_SITE);
		assertThat(trusting.decide("POST", "cross-site", null, SELF, "/orders")).isEqualTo(Verdict.CROSS_SITE);
	}

	@Test
	void sameSiteCanBeAllowed() {
		CrossOriginRequestPolicy sameSite = new CrossOriginRequestPolicy(List.of(), true, List.of());
		assertThat(sameSite.decide("POST", "same-site", "https://www.example.com", SELF, "/orders"))
			.isEqualTo(Verdict.ALLOWED);
		assertThat(sameSite.decide("POST", "cross-site", "https://evil.example", SELF, "/orders"))
			.isEqualTo(Verdict.CROSS_SITE);
	}

	@Test
	void exemptPathsPassAndNothingElse() {
		CrossOriginRequestPolicy exempting = new CrossOriginRequestPolicy(List.of(), false,
				List.of("/webhooks/**", "/callback"));
		assertThat(exempting.decide("POST", "cross-site", "https://hooks.example", SELF, "/webhooks/github"))
			.isEqualTo(Verdict.ALLOWED);
		assertThat(exempting.decide("POST", null, "https://hooks.example", SELF, "/callback"))
			.isEqualTo(Verdict.ALLOWED);
		assertThat(exempting.decide("POST", "cross-site", "https://hooks.example", SELF, "/callback/x"))
			.isEqualTo(Verdict.CROSS_SITE);
		assertThat(exempting.decide("POST", "cross-site", "https://hooks.example", SELF, "/WEBHOOKS/github"))
			.isEqualTo(Verdict.CROSS_SITE);
		assertThat(exempting.decide("POST", "cross-site", "https://hooks.example", SELF, "/api/webhooks/github"))
			.isEqualTo(Verdict.CROSS_SITE);
	}

	@Test
	void malformedTrustedOriginNamesTheProperty() {
		for (String origin : List.of("app.example.com", "https://app.example.com/", "https://app.example.com/x",
				"https://user@app.example.com", "https://app.example.com?x", "https:// bad")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new CrossOriginRequestPolicy(List.of(origin), false, List.of()))
				.withMessageContaining("mtls.auth.cross-origin.trusted-origins: '" + origin + "' is not an origin");
		}
	}

	@Test
	void malformedExemptPathNamesTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CrossOriginRequestPolicy(List.of(), false, List.of("/a/**/b/{")))
			.withMessageContaining("mtls.auth.cross-origin.exempt-paths: '/a/**/b/{' is not a path pattern");
	}

}
