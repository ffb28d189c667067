/**
 * Hot reload of the starter's key and trust material: files behind {@code mtls.server.*}
 * and the outbound clients' {@code mtls.client(s).*} are watched, and new material is
 * loaded, checked as at startup and applied without a restart, or refused with the old
 * material kept in use.
 */
@NullMarked
package dev.mtls.boot.reload;

import org.jspecify.annotations.NullMarked;
