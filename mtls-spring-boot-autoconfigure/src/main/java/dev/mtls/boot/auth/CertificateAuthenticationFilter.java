package dev.mtls.boot.auth;

import java.security.cert.X509Certificate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.preauth.x509.X509AuthenticationFilter;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Spring Security's X.509 filter, installed through {@code http.x509()}, minus the debug
 * messages it builds on every request. Commons Logging 1.3's SLF4J adapter, which Spring
 * Framework 7 logs through, renders a message before it checks the level, so the stock
 * filter renders the client certificate ({@code X509Certificate.toString()}, a dump of
 * every extension) twice per request and the authentication result once, with debug
 * logging off. Authentication itself is unchanged: the same manager, provider, details
 * and security context handling as the stock filter.
 */
final class CertificateAuthenticationFilter extends X509AuthenticationFilter {

	private final X509PrincipalExtractor principalExtractor;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	private SecurityContextRepository securityContextRepository = new RequestAttributeSecurityContextRepository();

	private @Nullable ApplicationEventPublisher eventPublisher;

	CertificateAuthenticationFilter(X509PrincipalExtractor principalExtractor) {
		this.principalExtractor = principalExtractor;
		setPrincipalExtractor(principalExtractor);
		// As http.x509() sets up its own filter: the context lives for the request.
		super.setSecurityContextRepository(this.securityContextRepository);
	}

	@Override
	protected @Nullable Object getPreAuthenticatedPrincipal(HttpServletRequest request) {
		X509Certificate certificate = leaf(request);
		return (certificate != null) ? this.principalExtractor.extractPrincipal(certificate) : null;
	}

	@Override
	protected @Nullable Object getPreAuthenticatedCredentials(HttpServletRequest request) {
		return leaf(request);
	}

	private static @Nullable X509Certificate leaf(HttpServletRequest request) {
		Object certificates = request.getAttribute(CertificateAuthenticationDetails.CERTIFICATE_ATTRIBUTE);
		return (certificates instanceof X509Certificate[] chain && chain.length > 0) ? chain[0] : null;
	}

	/**
	 * What the stock filter does on success, without rendering the authentication for a
	 * debug message.
	 */
	@Override
	protected void successfulAuthentication(HttpServletRequest request, HttpServletResponse response,
			Authentication authResult) {
		SecurityContext context = this.securityContextHolderStrategy.createEmptyContext();
		context.setAuthentication(authResult);
		this.securityContextHolderStrategy.setContext(context);
		this.securityContextRepository.saveContext(context, request, response);
		if (this.eventPublisher != null) {
			this.eventPublisher.publishEvent(new InteractiveAuthenticationSuccessEvent(authResult, getClass()));
		}
	}

	@Override
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy securityContextHolderStrategy) {
		super.setSecurityContextHolderStrategy(securityContextHolderStrategy);
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	@Override
	public void setSecurityContextRepository(SecurityContextRepository securityContextRepository) {
		super.setSecurityContextRepository(securityContextRepository);
		this.securityContextRepository = securityContextRepository;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		super.setApplicationEventPublisher(eventPublisher);
		this.eventPublisher = eventPublisher;
	}

	@Override
	public void setAuthenticationSuccessHandler(AuthenticationSuccessHandler successHandler) {
		// http.x509() sets none; refuse rather than silently ignore one.
		throw new UnsupportedOperationException("success handlers are not supported by the certificate filter");
	}

}
