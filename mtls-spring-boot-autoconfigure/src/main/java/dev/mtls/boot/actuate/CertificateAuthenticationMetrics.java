package dev.mtls.boot.actuate;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.mtls.boot.pki.ControlCharacters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;

/**
 * Counts certificate authentications as {@value #METRIC_NAME}, tagged with
 * {@code outcome} ({@code success}, {@code failure}) and {@code reason} (the refusal
 * reason, {@code none} on success). Quoted names in reasons are replaced by {@code *} and
 * at most {@value #MAX_REASONS} distinct reasons are kept (then {@code other}), so that
 * certificate content cannot inflate the number of time series.
 */
public class CertificateAuthenticationMetrics implements ApplicationListener<AbstractAuthenticationEvent> {

	/**
	 * Name of the counter.
	 */
	public static final String METRIC_NAME = "mtls.authentications";

	static final int MAX_REASONS = 32;

	private final MeterRegistry registry;

	private final Set<String> reasons = ConcurrentHashMap.newKeySet();

	// Every authenticated request counts a success: look the counter up once.
	private volatile @Nullable Counter successes;

	public CertificateAuthenticationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(AbstractAuthenticationEvent event) {
		CertificateAuthentication authentication = CertificateAuthentication.from(event);
		if (authentication == null) {
			return;
		}
		if (authentication.success()) {
			Counter counter = this.successes;
			if (counter == null) {
				counter = counter(authentication.outcome(), "none");
				this.successes = counter;
			}
			counter.increment();
			return;
		}
		counter(authentication.outcome(), reason(authentication.reason())).increment();
	}

	private Counter counter(String outcome, String reason) {
		return Counter.builder(METRIC_NAME)
			.description("Client certificate authentications")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.registry);
	}

	private String reason(@Nullable String message) {
		if (message == null || message.isBlank()) {
			return "unknown";
		}
		String reason = ControlCharacters.escape(message.replaceAll("'[^']*'", "*"));
		if (this.reasons.contains(reason)) {
			return reason;
		}
		synchronized (this.reasons) {
			if (this.reasons.size() >= MAX_REASONS) {
				return "other";
			}
			this.reasons.add(reason);
			return reason;
		}
	}

}
