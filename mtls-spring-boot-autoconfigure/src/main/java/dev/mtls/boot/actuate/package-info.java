/**
 * Operations support for mutual TLS: the {@code mtls} actuator endpoint, the {@code mtls}
 * health contributor, Micrometer metrics, audit events of certificate authentications and
 * the startup summary.
 */
@NullMarked
package dev.mtls.boot.actuate;

import org.jspecify.annotations.NullMarked;
