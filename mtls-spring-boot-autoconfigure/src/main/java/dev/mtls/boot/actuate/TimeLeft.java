package dev.mtls.boot.actuate;

import java.time.Duration;

/**
 * Time until a certificate expires, in the unit an operator needs: days, or hours below a
 * day, or minutes below an hour.
 */
final class TimeLeft {

	private TimeLeft() {
	}

	static String describe(Duration left) {
		if (left.isNegative()) {
			return "expired " + amount(left.negated()) + " ago";
		}
		return "expires in " + amount(left);
	}

	static String amount(Duration duration) {
		if (duration.toDays() >= 1) {
			return plural(duration.toDays(), "day");
		}
		if (duration.toHours() >= 1) {
			return plural(duration.toHours(), "hour");
		}
		return plural(Math.max(duration.toMinutes(), 0), "minute");
	}

	private static String plural(long amount, String unit) {
		return amount + " " + unit + ((amount == 1) ? "" : "s");
	}

}
