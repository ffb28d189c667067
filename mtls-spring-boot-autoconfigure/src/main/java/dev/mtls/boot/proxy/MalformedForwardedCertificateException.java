package dev.mtls.boot.proxy;

/**
 * A forwarded certificate header that cannot be used. The message is the reason, safe to
 * show to the caller.
 */
public class MalformedForwardedCertificateException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ForwardedCertificateRefusedEvent.Reason kind;

	public MalformedForwardedCertificateException(String reason) {
		this(reason, ForwardedCertificateRefusedEvent.Reason.MALFORMED_HEADER);
	}

	MalformedForwardedCertificateException(String reason, ForwardedCertificateRefusedEvent.Reason kind) {
		super(reason);
		this.kind = kind;
	}

	/**
	 * Return the kind of refusal, for metrics.
	 * @return the kind
	 */
	ForwardedCertificateRefusedEvent.Reason kind() {
		return this.kind;
	}

}
