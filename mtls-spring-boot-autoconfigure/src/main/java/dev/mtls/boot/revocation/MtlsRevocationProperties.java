package dev.mtls.boot.revocation;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Revocation checking of client certificates, direct or forwarded by a proxy.
 */
@ConfigurationProperties("mtls.revocation")
public class MtlsRevocationProperties {

	/**
	 * How revocation is checked: 'none', 'crl', 'ocsp' or 'ocsp-then-crl'. When not set,
	 * the configured sources decide: 'crl' with CRL locations or distribution points,
	 * 'ocsp' with an OCSP responder, 'ocsp-then-crl' with both, else 'none'.
	 */
	private @Nullable RevocationMode mode;

	/**
	 * Locations of CRLs (DER or PEM): 'file:', 'classpath:', 'http:' or 'https:'. Read
	 * again every refresh period.
	 */
	private List<String> crl = new ArrayList<>();

	/**
	 * Locations of certificates (PEM or DER) that sign CRLs but are not trust anchors: a
	 * dedicated CRL-signing certificate, a CA certificate with the CA's new key after a
	 * key rollover, the issuer of an indirect CRL. Used to verify CRLs only, never to
	 * trust a client certificate.
	 */
	private List<String> crlSigners = new ArrayList<>();

	/**
	 * Whether to also fetch CRLs from the CRL distribution points named in the
	 * certificates.
	 */
	private boolean useCrlDistributionPoints;

	/**
	 * OCSP responder to ask instead of the one named in the certificates.
	 */
	private @Nullable URI ocspResponder;

	/**
	 * Time limit of one CRL download or OCSP request.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	/**
	 * Largest CRL or OCSP response read; a download stops as soon as it passes this size.
	 */
	private DataSize maxDownloadSize = DataSize.ofMegabytes(10);

	/**
	 * How often CRLs are read again. Requests keep using the last CRL read meanwhile.
	 */
	private Duration refreshPeriod = Duration.ofSeconds(30);

	/**
	 * How long after a CRL's nextUpdate the CRL may stay in use before the 'mtls' health
	 * turns DOWN. The JDK stops using a CRL 15 minutes after its nextUpdate, whatever
	 * this is set to.
	 */
	private Duration crlNextUpdateGrace = Duration.ZERO;

	/**
	 * How long an OCSP response is reused, at most until its nextUpdate.
	 */
	private Duration ocspCacheTtl = Duration.ofMinutes(5);

	/**
	 * Whether the outbound mTLS clients also check the revocation status of the server
	 * certificates they are presented, with the same sources.
	 */
	private boolean checkOutbound;

	/**
	 * Whether a certificate whose status cannot be determined (responder down, no CRL,
	 * status unknown) is accepted. Off: it is refused.
	 */
	private boolean softFail;

	public @Nullable RevocationMode getMode() {
		return this.mode;
	}

	public void setMode(@Nullable RevocationMode mode) {
		this.mode = mode;
	}

	/**
	 * Return the mode in force: the one set, or the one the configured sources imply.
	 * @return the mode
	 */
	public RevocationMode effectiveMode() {
		if (this.mode != null) {
			return this.mode;
		}
		boolean crls = hasCrlSource();
		boolean ocsp = this.ocspResponder != null;
		if (crls && ocsp) {
			return RevocationMode.OCSP_THEN_CRL;
		}
		return crls ? RevocationMode.CRL : (ocsp ? RevocationMode.OCSP : RevocationMode.NONE);
	}

	boolean hasCrlSource() {
		return this.crl.stream().anyMatch((location) -> !location.isBlank()) || this.useCrlDistributionPoints;
	}

	public List<String> getCrl() {
		return this.crl;
	}

	public void setCrl(List<String> crl) {
		this.crl = crl;
	}

	public List<String> getCrlSigners() {
		return this.crlSigners;
	}

	public void setCrlSigners(List<String> crlSigners) {
		this.crlSigners = crlSigners;
	}

	public boolean isUseCrlDistributionPoints() {
		return this.useCrlDistributionPoints;
	}

	public void setUseCrlDistributionPoints(boolean useCrlDistributionPoints) {
		this.useCrlDistributionPoints = useCrlDistributionPoints;
	}

	public @Nullable URI getOcspResponder() {
		return this.ocspResponder;
	}

	public void setOcspResponder(@Nullable URI ocspResponder) {
		this.ocspResponder = ocspResponder;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public DataSize getMaxDownloadSize() {
		return this.maxDownloadSize;
	}

	public void setMaxDownloadSize(DataSize maxDownloadSize) {
		this.maxDownloadSize = maxDownloadSize;
	}

	public Duration getCrlNextUpdateGrace() {
		return this.crlNextUpdateGrace;
	}

	public void setCrlNextUpdateGrace(Duration crlNextUpdateGrace) {
		this.crlNextUpdateGrace = crlNextUpdateGrace;
	}

	public Duration getRefreshPeriod() {
		return this.refreshPeriod;
	}

	public void setRefreshPeriod(Duration refreshPeriod) {
		this.refreshPeriod = refreshPeriod;
	}

	public Duration getOcspCacheTtl() {
		return this.ocspCacheTtl;
	}

	public void setOcspCacheTtl(Duration ocspCacheTtl) {
		this.ocspCacheTtl = ocspCacheTtl;
	}

	public boolean isCheckOutbound() {
		return this.checkOutbound;
	}

	public void setCheckOutbound(boolean checkOutbound) {
		this.checkOutbound = checkOutbound;
	}

	public boolean isSoftFail() {
		return this.softFail;
	}

	public void setSoftFail(boolean softFail) {
		this.softFail = softFail;
	}

}
