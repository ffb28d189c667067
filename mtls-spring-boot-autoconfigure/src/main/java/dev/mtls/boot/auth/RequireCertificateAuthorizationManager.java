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
		CertificatePrincipal principal = CertificatePrincipal.of(authentication.get());
		if (principal == null) {
			return new AuthorizationDecision(false);
		}
		if (requirement.fingerprints().length > 0 && Arrays.stream(requirement.fingerprints())
			.map(CertificateFingerprint::normalize)
			.noneMatch(principal.getFingerprint()::equals)) {
			return new CertificateRefusal(CertificateRefusal.Cause.NOT_ALLOW_LISTED,
					"@RequireCertificate on " + name(invocation) + " admits only its fingerprints");
		}
		if (requirement.roles().length > 0
				&& Arrays.stream(requirement.roles()).noneMatch(principal.getRoles()::contains)) {
			return new CertificateRefusal(CertificateRefusal.Cause.MISSING_ROLE,
					"@RequireCertificate on " + name(invocation) + " requires one of the roles "
							+ Arrays.toString(requirement.roles()) + ", the certificate has " + principal.getRoles());
		}
		return new AuthorizationDecision(true);
	}

	private static String name(MethodInvocation invocation) {
		Method method = invocation.getMethod();
		return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
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
