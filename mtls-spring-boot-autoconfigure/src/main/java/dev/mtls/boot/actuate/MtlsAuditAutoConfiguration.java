package dev.mtls.boot.actuate;

import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.actuate.autoconfigure.audit.AuditAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of audit events for certificate authentications, active like Boot's
 * auditing when the application defines an {@link AuditEventRepository}.
 */
@AutoConfiguration(after = { MtlsOperationsAutoConfiguration.class, AuditAutoConfiguration.class })
@ConditionalOnClass({ AuditApplicationEvent.class, AuditAutoConfiguration.class, AbstractAuthenticationEvent.class })
@ConditionalOnBean({ AuditEventRepository.class, MtlsLifecycleRecorder.class })
@ConditionalOnBooleanProperty(name = "management.auditevents.enabled", matchIfMissing = true)
public final class MtlsAuditAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CertificateAuthenticationAuditListener certificateAuthenticationAuditListener() {
		return new CertificateAuthenticationAuditListener();
	}

}
