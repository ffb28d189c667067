package dev.mtls.boot.server.handshake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One WARN line per refused handshake, at most {@value #LINES_PER_MINUTE} a minute so
 * that a flood of refused connections cannot flood the log; the number of lines left out
 * is reported with the next line.
 */
final class RateLimitedWarning {

	static final int LINES_PER_MINUTE = 10;

	private static final Log logger = LogFactory.getLog(HandshakeObserver.class);

	private final Clock clock;

	private Instant windowStart = Instant.EPOCH;

	private int lines;

	private long suppressed;

	RateLimitedWarning(Clock clock) {
		this.clock = clock;
	}

	void log(HandshakeRefusal refusal) {
		if (!logger.isWarnEnabled()) {
			return;
		}
		long left;
		synchronized (this) {
			Instant now = this.clock.instant();
			if (Duration.between(this.windowStart, now).compareTo(Duration.ofMinutes(1)) >= 0) {
				this.windowStart = now;
				this.lines = 0;
			}
			if (this.lines >= LINES_PER_MINUTE) {
				this.suppressed++;
				return;
			}
			this.lines++;
			left = this.suppressed;
			this.suppressed = 0;
		}
		logger.warn(message(refusal) + ((left > 0) ? " (" + left + " earlier refusal(s) not logged)" : ""));
	}

	static String message(HandshakeRefusal refusal) {
		StringBuilder message = new StringBuilder("TLS handshake refused (reason=").append(refusal.reason().tag())
			.append(") from ")
			.append((refusal.peerAddress() != null) ? refusal.peerAddress() : "unknown peer");
		if (refusal.subject() != null) {
			message.append(": client certificate subject='").append(refusal.subject()).append("'");
			if (refusal.uri() != null) {
				message.append(", uri='").append(refusal.uri()).append("'");
			}
			message.append(", issuer='").append(refusal.issuer()).append("', sha256=").append(refusal.fingerprint());
		}
		else if (refusal.reason() == HandshakeRefusalReason.NO_CERTIFICATE) {
			message.append(": no client certificate sent (mtls.server.client-auth=need)");
		}
		if (refusal.detail() != null) {
			message.append("; ").append(refusal.detail());
		}
		return message.toString();
	}

}
