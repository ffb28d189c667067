package dev.mtls.boot.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Demands that the caller authenticated with a client certificate, optionally one with a
 * role or one of some fingerprints. On a class, applies to every method; a method's own
 * annotation wins. Works beside {@code @PreAuthorize}: both must pass.
 *
 * <pre class="code">
 * &#64;RequireCertificate(roles = "ADMIN")
 * &#64;GetMapping("/api/admin")
 * String admin() { ... }
 * </pre>
 *
 * No certificate: 401. A certificate without any of the roles, or whose fingerprint is
 * not listed: 403, with a problem detail that names the cause. Needs no
 * {@code @EnableMethodSecurity}: the starter registers its own method interceptor.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@Reflective // the method interceptor reads it from the annotated methods and classes at
			// run time
public @interface RequireCertificate {

	/**
	 * Roles (without {@code ROLE_}) of which the certificate must have at least one.
	 * Empty: any accepted certificate.
	 * @return the roles
	 */
	String[] roles() default {};

	/**
	 * SHA-256 fingerprints of the only certificates allowed (any case, colons optional).
	 * Empty: no restriction.
	 * @return the fingerprints
	 */
	String[] fingerprints() default {};

}
