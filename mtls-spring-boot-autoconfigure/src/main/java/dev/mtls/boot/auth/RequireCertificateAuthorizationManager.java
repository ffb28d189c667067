package dev.mtls.boot.auth;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.Supplier;

import dev.mtls.boot.pki.CertificateFingerprint;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * Decides {@link RequireCertificate} on method invocations.
 */
final class RequireCertificateAuthorizationManager implements AuthorizationManager<MethodInvocation> {

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			MethodInvocation invocation) {
		RequireCertificate requirement = find(invocation);
		if (requirement == null) {
			return new AuthorizationDecision(true);
		}
		Authentication current = authentication.get();
		if (current == null || !(current.getPrincipal() instanceof CertificatePrincipal principal)) {
			return new AuthorizationDecision(false);
		}
		if (requirement.fingerprints().length > 0 && Arrays.stream(requirement.fingerprints())
			.map(CertificateFingerprint::normalize)
			.noneMatch(principal.getFingerprint()::equals)) {
			throw new CertificateRejectedException("certificate is not allowed for this operation");
		}
		if (requirement.roles().length > 0
				&& Arrays.stream(requirement.roles()).noneMatch(principal.getRoles()::contains)) {
			return new AuthorizationDecision(false);
		}
		return new AuthorizationDecision(true);
	}

	private static @Nullable RequireCertificate find(MethodInvocation invocation) {
		Method method = invocation.getMethod();
		Class<?> targetClass = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis())
				: method.getDeclaringClass();
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		RequireCertificate onMethod = AnnotatedElementUtils.findMergedAnnotation(specific, RequireCertificate.class);
		if (onMethod != null) {
			return onMethod;
		}
		return AnnotatedElementUtils.findMergedAnnotation(targetClass, RequireCertificate.class);
	}

}
