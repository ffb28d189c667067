package dev.mtls.boot.reload;

import java.time.Instant;

import dev.mtls.boot.pki.MtlsMaterialException;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to reload the material of an SSL bundle after its files changed.
 *
 * @param bundle name of the SSL bundle, e.g. {@code mtls-server} or
 * {@code mtls-client-<name>}
 * @param result whether the new material was applied
 * @param time when the attempt ended
 * @param error why the material was refused, {@code null} on success; names the property
 * at fault
 */
public record MaterialReloadEvent(String bundle, MaterialReloadResult result, Instant time,
		@Nullable MtlsMaterialException error) {

}
