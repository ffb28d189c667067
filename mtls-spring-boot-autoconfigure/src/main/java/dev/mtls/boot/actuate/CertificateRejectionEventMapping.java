package dev.mtls.boot.actuate;

import java.util.Map;

import dev.mtls.boot.auth.CertificateRejectedException;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;

/**
 * Makes {@link DefaultAuthenticationEventPublisher}, which maps exceptions to failure
 * events by exact class, publish an {@link AuthenticationFailureBadCredentialsEvent} for
 * a {@link CertificateRejectedException} (a {@code BadCredentialsException}); without it,
 * refused certificates would publish no event at all.
 */
class CertificateRejectionEventMapping implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DefaultAuthenticationEventPublisher publisher) {
			publisher.setAdditionalExceptionMappings(
					Map.of(CertificateRejectedException.class, AuthenticationFailureBadCredentialsEvent.class));
		}
		return bean;
	}

}
