package dev.mtls.boot.auth;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;

/**
 * The stack-neutral part of certificate authentication, imported by the servlet and the
 * reactive security auto-configurations: policy, principal extraction, roles and the
 * cached authentication of a chain.
 */
@Configuration(proxyBeanMethods = false)
class CertificateAuthenticationConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientCertificatePolicy clientCertificatePolicy(MtlsAuthProperties properties) {
		return new ClientCertificatePolicy(properties);
	}

	@Bean
	@ConditionalOnMissingBean(X509PrincipalExtractor.class)
	CertificatePrincipalExtractor certificatePrincipalExtractor(MtlsAuthProperties properties) {
		return new CertificatePrincipalExtractor(properties.getPrincipal(), properties.isAllowMultiValuedRdn());
	}

	@Bean(name = CertificateRoleMapper.PROPERTIES_MAPPER_BEAN_NAME)
	@ConditionalOnMissingBean(name = CertificateRoleMapper.PROPERTIES_MAPPER_BEAN_NAME)
	PropertiesCertificateRoleMapper propertiesCertificateRoleMapper(MtlsAuthProperties properties,
			ResourceLoader resourceLoader) {
		return new PropertiesCertificateRoleMapper(properties, resourceLoader);
	}

	@Bean
	@ConditionalOnMissingBean
	CertificateUserDetailsService certificateUserDetailsService(ClientCertificatePolicy policy,
			ObjectProvider<CertificateRoleMapper> roleMappers, ObjectProvider<CertificateChainVerifier> verifiers,
			MtlsAuthProperties properties) {
		return new CertificateUserDetailsService(policy, roleMappers.orderedStream().toList(),
				verifiers.orderedStream().toList(), properties.getCacheSize());
	}

}
