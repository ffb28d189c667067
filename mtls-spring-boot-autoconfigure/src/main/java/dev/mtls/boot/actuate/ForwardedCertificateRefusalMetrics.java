package dev.mtls.boot.actuate;

import dev.mtls.boot.proxy.ForwardedCertificateRefusedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationListener;

/**
 * Counts forwarded certificate headers refused before authentication in
 * {@value CertificateAuthenticationMetrics#METRIC_NAME} ({@code outcome=failure}, with
 * the refusal's reason), next to the certificates refused by authentication itself.
 */
class ForwardedCertificateRefusalMetrics implements ApplicationListener<ForwardedCertificateRefusedEvent> {

	private final MeterRegistry registry;

	ForwardedCertificateRefusalMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(ForwardedCertificateRefusedEvent event) {
		Counter.builder(CertificateAuthenticationMetrics.METRIC_NAME)
			.description("Client certificate authentications")
			.tag("outcome", "failure")
			.tag("reason", event.getReason().tag())
			.register(this.registry)
			.increment();
	}

}
