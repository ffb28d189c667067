package dev.mtls.boot.server;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What the server part makes others read reflectively: Tomcat instantiates the SSL
 * implementation named by {@code mtls.server.ssl-implementation=openssl} from its class
 * name, and the handshake observation calls its {@code OpenSSLUtil} by name.
 */
class MtlsServerRuntimeHints implements RuntimeHintsRegistrar {

	static final String OPENSSL_UTIL = "org.apache.tomcat.util.net.openssl.panama.OpenSSLUtil";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(TypeReference.of(OpenSslServerSupport.FFM_IMPLEMENTATION),
					MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)
			.registerType(TypeReference.of(OPENSSL_UTIL), MemberCategory.INVOKE_PUBLIC_METHODS);
	}

}
