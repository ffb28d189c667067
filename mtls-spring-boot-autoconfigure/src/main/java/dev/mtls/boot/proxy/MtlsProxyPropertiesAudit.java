package dev.mtls.boot.proxy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.mtls.boot.pki.CertificateFingerprint;
import dev.mtls.boot.pki.MtlsMaterialException;
import dev.mtls.boot.server.MtlsServerProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.Ssl;
import org.springframework.core.env.Environment;

/**
 * Refuses {@code mtls.proxy.*} settings that would silently do nothing or less than they
 * read: proxy certificate entries that are no fingerprint, proxy certificates on a
 * connection that never carries one, a verify value without its header, an
 * X-Forwarded-Client-Cert element choice for another format.
 */
final class MtlsProxyPropertiesAudit {

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private MtlsProxyPropertiesAudit() {
	}

	static void check(MtlsProxyProperties properties, MtlsServerProperties server, Environment environment) {
		checkTrustedProxyCertificates(properties.getTrustedProxyCertificates(), server, environment);
		if (!MtlsProxyProperties.DEFAULT_VERIFY_VALUE.equals(properties.getVerifyValue())
				&& !hasText(properties.getVerifyHeader())) {
			throw new MtlsMaterialException("mtls.proxy.verify-value",
					"mtls.proxy.verify-value is set but mtls.proxy.verify-header is not, so the proxy's verdict "
							+ "is never read",
					"Set mtls.proxy.verify-header to the header in which the proxy states its verdict (e.g. "
							+ "X-SSL-Client-Verify for nginx), or remove mtls.proxy.verify-value.");
		}
		if (properties.getXfccElement() != MtlsProxyProperties.XfccElement.ONLY
				&& properties.getFormat() != ForwardedCertificateFormat.XFCC) {
			throw new MtlsMaterialException("mtls.proxy.xfcc-element",
					"mtls.proxy.xfcc-element=" + properties.getXfccElement().name().toLowerCase(Locale.ROOT)
							+ " applies to the X-Forwarded-Client-Cert format only, but mtls.proxy.format="
							+ properties.getFormat().name().toLowerCase(Locale.ROOT).replace('_', '-'),
					"Remove mtls.proxy.xfcc-element, or set mtls.proxy.format=xfcc if the proxy sends "
							+ "X-Forwarded-Client-Cert.");
		}
	}

	private static void checkTrustedProxyCertificates(List<String> fingerprints, MtlsServerProperties server,
			Environment environment) {
		for (int i = 0; i < fingerprints.size(); i++) {
			String fingerprint = fingerprints.get(i);
			if (fingerprint == null || !SHA256.matcher(CertificateFingerprint.normalize(fingerprint)).matches()) {
				throw new MtlsMaterialException("mtls.proxy.trusted-proxy-certificates[" + i + "]",
						"entry '" + fingerprint + "' is not a SHA-256 fingerprint, so no proxy certificate could "
								+ "match it and every forwarded certificate would be refused",
						"Use the SHA-256 fingerprint of the proxy's client certificate (64 hex digits, any case, "
								+ "colons optional), e.g. from: openssl x509 -in proxy.crt -noout -fingerprint "
								+ "-sha256");
			}
		}
		if (fingerprints.isEmpty()) {
			return;
		}
		boolean serverTls = server.isEnabled() && environment.getProperty("mtls.enabled", Boolean.class, true);
		if (!serverTls || server.getClientAuth() == Ssl.ClientAuth.NONE) {
			throw new MtlsMaterialException("mtls.proxy.trusted-proxy-certificates",
					"mtls.proxy.trusted-proxy-certificates is set but the application asks no TLS client certificate "
							+ "of its peers ("
							+ (serverTls ? "mtls.server.client-auth=none" : "mtls.server.enabled=false")
							+ "), so the proxy's certificate is never seen and every forwarded certificate would be "
							+ "refused",
					"Let the proxy connect over mutual TLS (mtls.server.enabled=true with client-auth need or want "
							+ "and a trust store holding the proxy certificate's CA), or remove "
							+ "mtls.proxy.trusted-proxy-certificates and rely on mtls.proxy.trusted-proxies.");
		}
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
