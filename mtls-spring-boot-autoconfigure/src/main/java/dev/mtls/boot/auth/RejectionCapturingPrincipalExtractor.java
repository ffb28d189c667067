package dev.mtls.boot.auth;

import java.security.cert.X509Certificate;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;

/**
 * Keeps principal extraction from failing outside Spring Security's authentication error
 * handling: the X.509 filter calls the extractor before its try block, so an exception
 * there would become a 500. A failure is carried as a {@link Rejection} into the
 * authentication step, which reports it as a 401.
 */
final class RejectionCapturingPrincipalExtractor implements X509PrincipalExtractor {

	private final X509PrincipalExtractor delegate;

	RejectionCapturingPrincipalExtractor(X509PrincipalExtractor delegate) {
		this.delegate = delegate;
	}

	@Override
	public Object extractPrincipal(X509Certificate certificate) {
		try {
			Object principal = this.delegate.extractPrincipal(certificate);
			return (principal != null) ? principal : new Rejection(new CertificateRejectedException("no principal"));
		}
		catch (AuthenticationException ex) {
			return new Rejection(ex);
		}
		catch (RuntimeException ex) {
			return new Rejection(new CertificateRejectedException("principal cannot be extracted"));
		}
	}

	/**
	 * A principal that could not be extracted.
	 */
	record Rejection(AuthenticationException exception) {

		@Override
		public String toString() {
			return "rejected certificate";
		}

	}

}
