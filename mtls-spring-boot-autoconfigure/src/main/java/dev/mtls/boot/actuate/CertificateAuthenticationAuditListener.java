package dev.mtls.boot.actuate;

import dev.mtls.boot.pki.ControlCharacters;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.ApplicationListener;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;

/**
 * Records certificate authentications as audit events of type
 * {@value #AUTHENTICATION_SUCCESS} and {@value #AUTHENTICATION_FAILURE}, with subject,
 * issuer, serial, fingerprint, reason and remote address, in Boot's
 * {@code AuditEventRepository}. Boot's own {@code AuthenticationAuditListener} keeps
 * recording its generic events.
 */
public class CertificateAuthenticationAuditListener
		implements ApplicationListener<AbstractAuthenticationEvent>, ApplicationEventPublisherAware {

	/**
	 * Audit event type of an accepted client certificate.
	 */
	public static final String AUTHENTICATION_SUCCESS = "MTLS_AUTHENTICATION_SUCCESS";

	/**
	 * Audit event type of a refused client certificate.
	 */
	public static final String AUTHENTICATION_FAILURE = "MTLS_AUTHENTICATION_FAILURE";

	private @Nullable ApplicationEventPublisher publisher;

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void onApplicationEvent(AbstractAuthenticationEvent event) {
		CertificateAuthentication authentication = CertificateAuthentication.from(event);
		if (authentication == null || this.publisher == null) {
			return;
		}
		this.publisher.publishEvent(new AuditApplicationEvent(ControlCharacters.escape(authentication.principal()),
				authentication.success() ? AUTHENTICATION_SUCCESS : AUTHENTICATION_FAILURE,
				authentication.auditData()));
	}

}
