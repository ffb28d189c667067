package dev.mtls.boot.proxy;

/**
 * A forwarded certificate header that cannot be used. The message is the reason, safe to
 * show to the caller.
 */
public class MalformedForwardedCertificateException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public MalformedForwardedCertificateException(String reason) {
		super(reason);
	}

}
