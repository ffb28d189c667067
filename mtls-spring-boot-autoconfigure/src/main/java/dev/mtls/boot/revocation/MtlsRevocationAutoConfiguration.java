package dev.mtls.boot.revocation;

import java.time.Clock;

import dev.mtls.boot.auth.CertificateUserDetailsService;
import dev.mtls.boot.auth.MtlsReactiveSecurityAutoConfiguration;
import dev.mtls.boot.auth.MtlsSecurityAutoConfiguration;
import dev.mtls.boot.pki.ClientTrustAnchors;
import dev.mtls.boot.server.MtlsClientTrustAutoConfiguration;
import dev.mtls.boot.server.MtlsServerProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of per-request chain validation: the trust anchors in force and the
 * revocation status ({@code mtls.revocation.*}) of every client certificate, direct or
 * forwarded.
 */
@AutoConfiguration(after = { MtlsSecurityAutoConfiguration.class, MtlsReactiveSecurityAutoConfiguration.class,
		MtlsClientTrustAutoConfiguration.class })
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnBean(CertificateUserDetailsService.class)
@EnableConfigurationProperties({ MtlsRevocationProperties.class, MtlsServerProperties.class })
public final class MtlsRevocationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PkixChainVerifier pkixChainVerifier(MtlsRevocationProperties properties, ClientTrustAnchors trust,
			ResourceLoader resourceLoader, ObjectProvider<RevocationCheckListener> listeners) {
		RevocationConfiguration.check(properties);
		Clock clock = Clock.systemUTC();
		RevocationFetcher fetcher = new RevocationFetcher(properties.getTimeout(),
				properties.getMaxDownloadSize().toBytes());
		CrlSource crls = new CrlSource(properties, resourceLoader, fetcher, clock);
		PkixChainVerifier verifier = new PkixChainVerifier(trust, properties, crls,
				new OcspResponses(properties, fetcher, clock),
				CrlSignerCertificates.load(resourceLoader, properties.getCrlSigners()),
				listeners.orderedStream().toList(), clock);
		try {
			RevocationConfiguration.checkAnchors(properties, verifier.hasAnchors());
			if (properties.hasCrlSource()) {
				crls.readConfigured();
			}
			return verifier;
		}
		catch (RuntimeException ex) {
			verifier.close();
			throw ex;
		}
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("mtls.revocation.check-outbound")
	OutboundRevocationVerifier outboundRevocationVerifier(PkixChainVerifier verifier) {
		return new OutboundRevocationVerifier(verifier);
	}

}
