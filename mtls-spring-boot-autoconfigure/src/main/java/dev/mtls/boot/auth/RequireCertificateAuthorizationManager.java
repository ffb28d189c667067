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
		Method method = invocation.getMethod();
		Class<?> targetClass = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis())
				: method.getDeclaringClass();
		RequireCertificate requirement = find(method, targetClass);
		if (requirement == null) {
			return new AuthorizationDecision(true);
		}
		return decide(requirement, authentication.get(), name(invocation));
	}

	/**
	 * Decide a requirement for a caller, whatever web stack invoked the method.
	 * @param requirement the requirement
	 * @param current the caller's authentication
	 * @param where the annotated method, for the operator's log
	 * @return the decision: denied without reason for a caller without certificate (a
	 * 401), a {@link CertificateRefusal} for one without the role or fingerprint (a 403)
	 */
	static AuthorizationResult decide(RequireCertificate requirement, @Nullable Authentication current, String where) {
		CertificatePrincipal principal = CertificatePrincipal.of(current);
		if (principal == null) {
			return new AuthorizationDecision(false);
		}
		if (requirement.fingerprints().length > 0 && Arrays.stream(requirement.fingerprints())
			.map(CertificateFingerprint::normalize)
			.noneMatch(principal.getFingerprint()::equals)) {
			return new CertificateRefusal(CertificateRefusal.Cause.NOT_ALLOW_LISTED,
					"@RequireCertificate on " + where + " admits only its fingerprints");
		}
		if (requirement.roles().length > 0
				&& Arrays.stream(requirement.roles()).noneMatch(principal.getRoles()::contains)) {
			return new CertificateRefusal(CertificateRefusal.Cause.MISSING_ROLE,
					"@RequireCertificate on " + where + " requires one of the roles "
							+ Arrays.toString(requirement.roles()) + ", the certificate has " + principal.getRoles());
		}
		return new AuthorizationDecision(true);
	}

	private static String name(MethodInvocation invocation) {
		return name(invocation.getMethod());
	}

	static String name(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
	}

	/**
	 * The requirement of a method: its own annotation, else its class's.
	 */
	static @Nullable RequireCertificate find(Method method, Class<?> targetClass) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		RequireCertificate onMethod = AnnotatedElementUtils.findMergedAnnotation(specific, RequireCertificate.class);
		if (onMethod != null) {
			return onMethod;
		}
		return AnnotatedElementUtils.findMergedAnnotation(targetClass, RequireCertificate.class);
	}

}
