package dev.mtls.boot.auth;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

/**
 * Maps an accepted client certificate to roles (without the {@code ROLE_} prefix). Every
 * {@code CertificateRoleMapper} bean contributes; the property-based mapping is the bean
 * named {@value #PROPERTIES_MAPPER_BEAN_NAME}, which a bean of that name replaces.
 */
@FunctionalInterface
public interface CertificateRoleMapper {

	/**
	 * Name of the bean that maps roles from {@code mtls.auth.*} properties.
	 */
	String PROPERTIES_MAPPER_BEAN_NAME = "propertiesCertificateRoleMapper";

	/**
	 * Return the roles of a certificate.
	 * @param principal the principal name
	 * @param chain the verified chain, leaf first
	 * @return the roles, possibly empty
	 */
	Collection<String> mapRoles(String principal, List<X509Certificate> chain);

}
