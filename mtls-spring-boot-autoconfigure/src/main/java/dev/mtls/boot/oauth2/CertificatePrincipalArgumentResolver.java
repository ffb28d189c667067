package dev.mtls.boot.oauth2;

import dev.mtls.boot.auth.CertificatePrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@code @AuthenticationPrincipal CertificatePrincipal caller} to the request's
 * certificate principal also when a bearer token authenticated the request, whose
 * {@code Authentication} principal is the token. Consulted before Spring Security's own
 * resolver, which would resolve such a parameter to {@code null}.
 */
final class CertificatePrincipalArgumentResolver implements HandlerMethodArgumentResolver {

	private final SecurityContextHolderStrategy contexts;

	CertificatePrincipalArgumentResolver(SecurityContextHolderStrategy contexts) {
		this.contexts = contexts;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		AuthenticationPrincipal annotation = parameter.getParameterAnnotation(AuthenticationPrincipal.class);
		return annotation != null && annotation.expression().isEmpty()
				&& parameter.getParameterType() == CertificatePrincipal.class;
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		return CertificatePrincipal.of(this.contexts.getContext().getAuthentication());
	}

}
