package dev.mtls.boot.proxy;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a forwarded client certificate header is refused before certificate
 * authentication could see it: sent by an untrusted peer, without the proxy's verdict,
 * malformed, or not valid against the trusted client CAs. Metrics count it in
 * {@code mtls.authentications} with its {@link Reason#tag() reason}.
 */
public class ForwardedCertificateRefusedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	private final String peerAddress;

	public ForwardedCertificateRefusedEvent(Object source, Reason reason, String peerAddress) {
		super(source);
		this.reason = reason;
		this.peerAddress = peerAddress;
	}

	/**
	 * Return why the header was refused.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Return the TCP peer that sent the header.
	 * @return the address, or {@code null} when unknown
	 */
	public String getPeerAddress() {
		return this.peerAddress;
	}

	/**
	 * Why a forwarded certificate header was refused.
	 */
	public enum Reason {

		/**
		 * The TCP peer is not in {@code mtls.proxy.trusted-proxies} (or did not present a
		 * certificate of {@code mtls.proxy.trusted-proxy-certificates}).
		 */
		UNTRUSTED_PEER("untrusted-peer"),

		/**
		 * The proxy's verdict header ({@code mtls.proxy.verify-header}) is missing or
		 * does not report a verified certificate.
		 */
		PROXY_NOT_VERIFIED("proxy-not-verified"),

		/**
		 * The header is sent more than once, too large or cannot be decoded.
		 */
		MALFORMED_HEADER("malformed-header"),

		/**
		 * The forwarded chain does not validate against the trusted client CAs
		 * ({@code mtls.proxy.revalidate}).
		 */
		NOT_TRUSTED("not-trusted");

		private final String tag;

		Reason(String tag) {
			this.tag = tag;
		}

		/**
		 * Return the value used in metric tags and logs.
		 * @return the tag value
		 */
		public String tag() {
			return this.tag;
		}

	}

}
