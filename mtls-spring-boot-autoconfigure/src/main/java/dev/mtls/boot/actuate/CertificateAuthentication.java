package dev.mtls.boot.actuate;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mtls.boot.auth.CertificatePrincipal;
import dev.mtls.boot.pki.CertificateFingerprint;
import dev.mtls.boot.pki.ControlCharacters;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * One certificate authentication as seen in a Spring Security authentication event:
 * outcome, principal, certificate facts, reason and remote address.
 *
 * @param success whether the certificate was accepted
 * @param principal the principal name, or the subject when the certificate was refused
 * before a name could be taken from it
 * @param certificate the client's leaf certificate
 * @param reason why the certificate was refused, {@code null} on success
 * @param remoteAddress the client's address, when known
 */
record CertificateAuthentication(boolean success, String principal, X509Certificate certificate,
		@Nullable String reason, @Nullable String remoteAddress) {

	/**
	 * Return the certificate authentication of an event, or {@code null} for an event of
	 * another kind of authentication.
	 */
	static @Nullable CertificateAuthentication from(AbstractAuthenticationEvent event) {
		Authentication authentication = event.getAuthentication();
		if (!(authentication instanceof PreAuthenticatedAuthenticationToken)) {
			return null;
		}
		String remoteAddress = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : null;
		if (event instanceof AuthenticationSuccessEvent
				&& authentication.getPrincipal() instanceof CertificatePrincipal principal) {
			return new CertificateAuthentication(true, principal.getName(), principal.getCertificate(), null,
					remoteAddress);
		}
		// A parent AuthenticationManager without a provider for certificates publishes
		// ProviderNotFound for the same request: not a verdict on the certificate.
		if (event instanceof AbstractAuthenticationFailureEvent failure
				&& !(failure.getException() instanceof ProviderNotFoundException)
				&& authentication.getCredentials() instanceof X509Certificate certificate) {
			String principal = (authentication.getPrincipal() instanceof String name) ? name
					: certificate.getSubjectX500Principal().getName();
			return new CertificateAuthentication(false, principal, certificate, failure.getException().getMessage(),
					remoteAddress);
		}
		return null;
	}

	String outcome() {
		return this.success ? "success" : "failure";
	}

	/**
	 * Return the audit data: subject, issuer, serial, fingerprint, reason and remote
	 * address. Control characters are escaped.
	 */
	Map<String, @Nullable Object> auditData() {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("subject", ControlCharacters.escape(this.certificate.getSubjectX500Principal().getName()));
		data.put("issuer", ControlCharacters.escape(this.certificate.getIssuerX500Principal().getName()));
		data.put("serial", this.certificate.getSerialNumber().toString(16));
		data.put("fingerprint", CertificateFingerprint.sha256(this.certificate));
		if (this.reason != null) {
			data.put("reason", ControlCharacters.escape(this.reason));
		}
		if (this.remoteAddress != null) {
			data.put("remoteAddress", this.remoteAddress);
		}
		return data;
	}

}
