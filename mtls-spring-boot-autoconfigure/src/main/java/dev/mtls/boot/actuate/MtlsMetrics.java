package dev.mtls.boot.actuate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.mtls.boot.actuate.MtlsMaterialInspector.BundleMaterial;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer metrics of the starter's material and lifecycle:
 * <ul>
 * <li>{@value #EXPIRY} (gauge, seconds until the certificate expires, negative when
 * expired), tagged {@code bundle}, {@code usage} ({@code identity}, {@code trust}),
 * {@code subject} and {@code serial}, for every own and trusted certificate;</li>
 * <li>{@value #RELOADS} (counter) tagged {@code result} ({@code success},
 * {@code failure});</li>
 * <li>{@value #REVOCATION_CHECKS} (counter) tagged {@code result} ({@code good},
 * {@code revoked}, {@code unknown}, {@code error}).</li>
 * </ul>
 */
public class MtlsMetrics implements MeterBinder {

	/**
	 * Gauge of the time left until a certificate expires.
	 */
	public static final String EXPIRY = "mtls.certificate.expiry";

	/**
	 * Counter of material reloads.
	 */
	public static final String RELOADS = "mtls.reloads";

	/**
	 * Counter of revocation checks.
	 */
	public static final String REVOCATION_CHECKS = "mtls.revocation.checks";

	private final MtlsMaterialInspector inspector;

	private final MtlsLifecycleRecorder lifecycle;

	private final Clock clock;

	MtlsMetrics(MtlsMaterialInspector inspector, MtlsLifecycleRecorder lifecycle, Clock clock) {
		this.inspector = inspector;
		this.lifecycle = lifecycle;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (BundleMaterial material : this.inspector.all()) {
			expiryGauges(registry, material.bundle(), "identity", material.identity());
			expiryGauges(registry, material.bundle(), "trust", material.trusted());
		}
		List.of("success", "failure").forEach((result) -> reloads(registry, result));
		MtlsLifecycleRecorder.REVOCATION_RESULTS.forEach((result) -> revocationChecks(registry, result));
		this.lifecycle.addListener(new MtlsLifecycleRecorder.Listener() {

			@Override
			public void reloaded(String bundle, boolean success) {
				reloads(registry, success ? "success" : "failure").increment();
			}

			@Override
			public void revocationChecked(String result) {
				revocationChecks(registry, result).increment();
			}

		});
	}

	private void expiryGauges(MeterRegistry registry, String bundle, String usage,
			List<X509Certificate> certificates) {
		for (X509Certificate certificate : certificates) {
			Gauge.builder(EXPIRY, certificate, this::secondsLeft)
				.description("Time until the certificate expires")
				.baseUnit("seconds")
				.tag("bundle", bundle)
				.tag("usage", usage)
				.tag("subject", certificate.getSubjectX500Principal().getName())
				.tag("serial", certificate.getSerialNumber().toString(16))
				.register(registry);
		}
	}

	private double secondsLeft(X509Certificate certificate) {
		return Duration.between(this.clock.instant(), certificate.getNotAfter().toInstant()).getSeconds();
	}

	private static Counter reloads(MeterRegistry registry, String result) {
		return Counter.builder(RELOADS).description("Reloads of mTLS material").tag("result", result).register(registry);
	}

	private static Counter revocationChecks(MeterRegistry registry, String result) {
		return Counter.builder(REVOCATION_CHECKS)
			.description("Revocation checks of client certificates")
			.tag("result", result)
			.register(registry);
	}

}
