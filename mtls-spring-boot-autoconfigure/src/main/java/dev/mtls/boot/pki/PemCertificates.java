package dev.mtls.boot.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;

import org.springframework.boot.ssl.pem.PemContent;

/**
 * Reads the certificates of a PEM location with Spring Boot's PEM parser.
 */
final class PemCertificates {

	private PemCertificates() {
	}

	/**
	 * Read one or more certificates.
	 * @param resource the location
	 * @return the certificates in file order, never empty
	 * @throws MtlsMaterialException when the location holds no readable certificate
	 */
	static List<X509Certificate> read(MaterialResource resource) {
		return read(resource, resource.read());
	}

	private static List<X509Certificate> read(MaterialResource resource, byte[] content) {
		List<X509Certificate> certificates;
		try {
			certificates = PemContent.load(new ByteArrayInputStream(content)).getCertificates();
		}
		catch (IOException | RuntimeException ex) {
			throw IdentityMaterialLoader.unparseable(resource, "PEM certificates", ex);
		}
		if (certificates == null || certificates.isEmpty()) {
			throw IdentityMaterialLoader.unparseable(resource, "PEM certificates", null);
		}
		return certificates;
	}

}
