package dev.mtls.boot.revocation;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Revocation checking of client certificates, direct or forwarded by a proxy.
 */
@ConfigurationProperties("mtls.revocation")
public class MtlsRevocationProperties {

	/**
	 * How revocation is checked: 'none', 'crl', 'ocsp' or 'ocsp-then-crl'.
	 */
	private RevocationMode mode = RevocationMode.NONE;

	/**
	 * Locations of CRLs (DER or PEM): 'file:', 'classpath:', 'http:' or 'https:'. Read
	 * again every refresh period.
	 */
	private List<String> crl = new ArrayList<>();

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
	 * How often CRLs are read again.
	 */
	private Duration refreshPeriod = Duration.ofSeconds(30);

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

	public RevocationMode getMode() {
		return this.mode;
	}

	public void setMode(RevocationMode mode) {
		this.mode = mode;
	}

	public List<String> getCrl() {
		return this.crl;
	}

	public void setCrl(List<String> crl) {
		this.crl = crl;
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
