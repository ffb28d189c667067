package dev.mtls.boot.client;

import dev.mtls.boot.pki.IdentityMaterial;
import dev.mtls.boot.pki.TrustMaterial;
import org.jspecify.annotations.Nullable;

/**
 * The key and trust material of one client and where each comes from.
 *
 * @param identity the identity to present, or {@code null} for none
 * @param identitySource the property that configured it, for messages
 * @param trust the trusted CAs, or {@code null} for the JDK's defaults
 * @param trustSource the property that configured them, for messages
 */
record ClientMaterial(@Nullable IdentityMaterial identity, @Nullable String identitySource,
		@Nullable TrustMaterial trust, String trustSource) {

}
