package dev.mtls.boot.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CRL past its nextUpdate (plus grace) turns the {@code mtls} health DOWN.
 */
class MtlsHealthIndicatorCrlFreshnessTests {

	private final MtlsMaterialInspector noMaterial = new MtlsMaterialInspector(new DefaultSslBundleRegistry(), null,
			null);

	@Test
	void isUpWhileEveryCrlIsFresh() {
		Health health = new MtlsHealthIndicator(this.noMaterial, Clock.systemUTC(), Duration.ofDays(14), List::of)
			.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void isDownWithACrlPastItsNextUpdate() {
		Health health = new MtlsHealthIndicator(this.noMaterial, Clock.systemUTC(), Duration.ofDays(14),
				() -> List.of("CRL of 'CN=Test CA' (number 7) is past its nextUpdate 2026-01-01T00:00:00Z"))
			.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("invalid")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.singleElement()
			.asString()
			.startsWith("revocation: CRL of 'CN=Test CA'");
	}

}
