package dev.mtls.boot.actuate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mtls.boot.actuate.MtlsMaterialInspector.BundleMaterial;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Micrometer metrics of the starter's material and lifecycle:
 * <ul>
 * <li>{@value #EXPIRY} (gauge, seconds until the certificate expires, negative when
 * expired), tagged {@code bundle}, {@code usage} ({@code identity}, {@code trust}),
 * {@code subject} and {@code serial}, for every own and trusted certificate, following
 * reloads: certificates that are no longer in use lose their gauge;</li>
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

	private static final Log logger = LogFactory.getLog(MtlsMetrics.class);

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
		ExpiryGauges expiryGauges = new ExpiryGauges(registry);
		expiryGauges.refresh();
		List.of("success", "failure").forEach((result) -> reloads(registry, result));
		MtlsLifecycleRecorder.REVOCATION_RESULTS.forEach((result) -> revocationChecks(registry, result));
		this.lifecycle.addListener(new MtlsLifecycleRecorder.Listener() {

			@Override
			public void reloaded(String bundle, boolean success) {
				if (success) {
					refreshExpiryGauges(expiryGauges, bundle);
				}
				reloads(registry, success ? "success" : "failure").increment();
			}

			@Override
			public void revocationChecked(String result) {
				revocationChecks(registry, result).increment();
			}

		});
	}

	private static void refreshExpiryGauges(ExpiryGauges expiryGauges, String bundle) {
		try {
			expiryGauges.refresh();
		}
		catch (RuntimeException ex) {
			// The reload itself succeeded: it must not fail because of its metrics
			logger.warn("Unable to update the " + EXPIRY + " gauges after the reload of SSL bundle '" + bundle
					+ "'; they may show certificates no longer in use until the next reload", ex);
		}
	}

	private double secondsLeft(X509Certificate certificate) {
		return Duration.between(this.clock.instant(), certificate.getNotAfter().toInstant()).getSeconds();
	}

	/**
	 * The expiry gauges bound to one registry, one per certificate in use.
	 */
	private final class ExpiryGauges {

		private final MeterRegistry registry;

		private final Map<GaugeKey, Gauge> gauges = new HashMap<>();

		ExpiryGauges(MeterRegistry registry) {
			this.registry = registry;
		}

		/**
		 * Register gauges for the certificates now in use and remove those of
		 * certificates no longer in use.
		 */
		synchronized void refresh() {
			Map<GaugeKey, X509Certificate> current = new LinkedHashMap<>();
			for (BundleMaterial material : MtlsMetrics.this.inspector.all()) {
				material.identity()
					.forEach((certificate) -> current
						.putIfAbsent(GaugeKey.of(material.bundle(), "identity", certificate), certificate));
				material.trusted()
					.forEach((certificate) -> current.putIfAbsent(GaugeKey.of(material.bundle(), "trust", certificate),
							certificate));
			}
			Iterator<Map.Entry<GaugeKey, Gauge>> registered = this.gauges.entrySet().iterator();
			while (registered.hasNext()) {
				Map.Entry<GaugeKey, Gauge> entry = registered.next();
				if (!current.containsKey(entry.getKey())) {
					this.registry.remove(entry.getValue());
					registered.remove();
				}
			}
			current.forEach((key, certificate) -> this.gauges.computeIfAbsent(key,
					(k) -> Gauge.builder(EXPIRY, certificate, MtlsMetrics.this::secondsLeft)
						.description("Time until the certificate expires")
						.baseUnit("seconds")
						.tag("bundle", k.bundle())
						.tag("usage", k.usage())
						.tag("subject", k.subject())
						.tag("serial", k.serial())
						.strongReference(true)
						.register(this.registry)));
		}

	}

	/**
	 * Tags of one expiry gauge: a renewed certificate (another serial) gets a new gauge.
	 */
	private record GaugeKey(String bundle, String usage, String subject, String serial) {

		static GaugeKey of(String bundle, String usage, X509Certificate certificate) {
			return new GaugeKey(bundle, usage, certificate.getSubjectX500Principal().getName(),
					certificate.getSerialNumber().toString(16));
		}

	}

	private static Counter reloads(MeterRegistry registry, String result) {
		return Counter.builder(RELOADS)
			.description("Reloads of mTLS material")
			.tag("result", result)
			.register(registry);
	}

	private static Counter revocationChecks(MeterRegistry registry, String result) {
		return Counter.builder(REVOCATION_CHECKS)
			.description("Revocation checks of client certificates")
			.tag("result", result)
			.register(registry);
	}

}
