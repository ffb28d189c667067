package dev.mtls.boot.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import dev.mtls.boot.pki.MtlsMaterialException;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads {@code mtls.revocation.crl-signers}: certificates the JDK may need to verify a
 * CRL, offered to it beside the path, never as trust anchors.
 */
final class CrlSignerCertificates {

	private static final String PROPERTY = "mtls.revocation.crl-signers";

	private CrlSignerCertificates() {
	}

	static List<X509Certificate> load(ResourceLoader resourceLoader, List<String> locations) {
		List<X509Certificate> certificates = new ArrayList<>();
		for (String location : locations) {
			if (location.isBlank()) {
				continue;
			}
			Resource resource = resourceLoader.getResource(location.trim());
			try (InputStream in = resource.getInputStream()) {
				int before = certificates.size();
				for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
					certificates.add((X509Certificate) certificate);
				}
				if (certificates.size() == before) {
					throw new GeneralSecurityException("no certificate in it");
				}
			}
			catch (IOException | GeneralSecurityException | RuntimeException ex) {
				throw new MtlsMaterialException(PROPERTY,
						"'" + location.trim() + "' cannot be read as certificates (" + ex.getMessage() + ")",
						"Point " + PROPERTY + " at PEM or DER certificates of the CRL issuers.", ex);
			}
		}
		return List.copyOf(certificates);
	}

}
