package dev.mtls.boot.actuate;

import java.util.EnumMap;
import java.util.Map;

import dev.mtls.boot.server.handshake.HandshakeRefusal;
import dev.mtls.boot.server.handshake.HandshakeRefusalListener;
import dev.mtls.boot.server.handshake.HandshakeRefusalReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts TLS handshakes refused by the server as {@value #METRIC_NAME}, tagged with
 * {@code reason}. Every reason is registered up front, so a dashboard sees zero rather
 * than nothing.
 */
class HandshakeRefusalMetrics implements HandshakeRefusalListener {

	/**
	 * Name of the counter.
	 */
	static final String METRIC_NAME = "mtls.handshake.failures";

	private final Map<HandshakeRefusalReason, Counter> counters = new EnumMap<>(HandshakeRefusalReason.class);

	HandshakeRefusalMetrics(MeterRegistry registry) {
		for (HandshakeRefusalReason reason : HandshakeRefusalReason.values()) {
			this.counters.put(reason,
					Counter.builder(METRIC_NAME)
						.description("TLS handshakes refused by the server")
						.tag("reason", reason.tag())
						.register(registry));
		}
	}

	@Override
	public void handshakeRefused(HandshakeRefusal refusal) {
		Counter counter = this.counters.get(refusal.reason());
		if (counter != null) {
			counter.increment();
		}
	}

}
