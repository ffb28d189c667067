package dev.mtls.boot.revocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The CRLs to check against: the configured locations, and optionally the distribution
 * points of the certificates seen, each read again once its refresh period has passed. A
 * location that cannot be read keeps its last good CRLs and is logged.
 */
class CrlSource {

	private static final Log logger = LogFactory.getLog(CrlSource.class);

	private final List<String> locations;

	private final boolean useDistributionPoints;

	private final Duration refreshPeriod;

	private final ResourceLoader resourceLoader;

	private final RevocationFetcher fetcher;

	private final Clock clock;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	CrlSource(MtlsRevocationProperties properties, ResourceLoader resourceLoader, RevocationFetcher fetcher,
			Clock clock) {
		this.locations = List.copyOf(properties.getCrl());
		this.useDistributionPoints = properties.isUseCrlDistributionPoints();
		this.refreshPeriod = properties.getRefreshPeriod();
		this.resourceLoader = resourceLoader;
		this.fetcher = fetcher;
		this.clock = clock;
	}

	/**
	 * Return the CRLs that apply to a chain.
	 */
	List<X509CRL> crlsFor(List<X509Certificate> chain) {
		List<X509CRL> crls = new ArrayList<>();
		for (String location : this.locations) {
			crls.addAll(get(location.trim()));
		}
		if (this.useDistributionPoints) {
			for (X509Certificate certificate : chain) {
				for (String uri : distributionPoints(certificate)) {
					crls.addAll(get(uri));
				}
			}
		}
		return crls;
	}

	private List<X509CRL> get(String location) {
		Instant now = this.clock.instant();
		Entry entry = this.entries.get(location);
		if (entry != null && now.isBefore(entry.refreshAt())) {
			return entry.crls();
		}
		synchronized (this) {
			entry = this.entries.get(location);
			if (entry != null && now.isBefore(entry.refreshAt())) {
				return entry.crls();
			}
			List<X509CRL> crls;
			try {
				crls = parse(read(location));
			}
			catch (IOException | GeneralSecurityException | RuntimeException ex) {
				logger.warn("Unable to read CRL from " + location + " (" + ex.getMessage()
						+ "); keeping the CRLs read before, if any");
				crls = (entry != null) ? entry.crls() : List.of();
			}
			this.entries.put(location, new Entry(crls, now.plus(this.refreshPeriod)));
			return crls;
		}
	}

	private byte[] read(String location) throws IOException {
		String lower = location.toLowerCase(Locale.ROOT);
		if (lower.startsWith("http://") || lower.startsWith("https://")) {
			return this.fetcher.get(URI.create(location));
		}
		Resource resource = this.resourceLoader.getResource(location);
		try (InputStream in = resource.getInputStream()) {
			return in.readAllBytes();
		}
	}

	private static List<X509CRL> parse(byte[] content) throws GeneralSecurityException {
		Collection<? extends CRL> crls = CertificateFactory.getInstance("X.509")
			.generateCRLs(new ByteArrayInputStream(content));
		List<X509CRL> x509 = new ArrayList<>();
		for (CRL crl : crls) {
			x509.add((X509CRL) crl);
		}
		if (x509.isEmpty()) {
			throw new GeneralSecurityException("no CRL in content");
		}
		return x509;
	}

	static List<String> distributionPoints(X509Certificate certificate) {
		byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
		if (extension == null) {
			return List.of();
		}
		List<String> uris = new ArrayList<>();
		try {
			CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
			for (DistributionPoint point : points.getDistributionPoints()) {
				DistributionPointName name = point.getDistributionPoint();
				if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
					continue;
				}
				for (GeneralName generalName : GeneralNames.getInstance(name.getName()).getNames()) {
					if (generalName.getTagNo() == GeneralName.uniformResourceIdentifier) {
						String uri = generalName.getName().toString();
						if (uri.toLowerCase(Locale.ROOT).startsWith("http")) {
							uris.add(uri);
						}
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// A malformed extension yields no distribution point; the status then stays
			// undetermined.
		}
		return uris;
	}

	/**
	 * Return the earliest nextUpdate of the CRLs read so far, or {@code null}.
	 */
	java.time.@Nullable Instant earliestNextUpdate() {
		return this.entries.values()
			.stream()
			.flatMap((entry) -> entry.crls().stream())
			.map(X509CRL::getNextUpdate)
			.filter(java.util.Objects::nonNull)
			.map(java.util.Date::toInstant)
			.min(java.util.Comparator.naturalOrder())
			.orElse(null);
	}

	private record Entry(List<X509CRL> crls, Instant refreshAt) {
	}

}
