package dev.mtls.boot.client;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.x500.X500Principal;

import org.jspecify.annotations.Nullable;

/**
 * What servers asked of this client during their last handshakes: the CAs they accept
 * client certificates from (TLS CertificateRequest, RFC 8446 section 4.3.2) and whether a
 * certificate was presented. Lets a refused call be explained after the fact.
 */
final class CertificateRequests {

	private static final int MAX_ENTRIES = 256;

	private final Map<String, Request> requests = new ConcurrentHashMap<>();

	void record(@Nullable String host, int port, Principal @Nullable [] issuers, boolean presented) {
		if (host == null) {
			return;
		}
		if (this.requests.size() >= MAX_ENTRIES) {
			this.requests.clear();
		}
		List<String> names = (issuers != null) ? Arrays.stream(issuers).map(CertificateRequests::name).toList()
				: List.of();
		this.requests.put(key(host, port), new Request(names, presented));
	}

	@Nullable Request find(@Nullable String host, int port) {
		return (host != null) ? this.requests.get(key(host, port)) : null;
	}

	private static String key(String host, int port) {
		return host.toLowerCase(Locale.ROOT) + ":" + port;
	}

	private static String name(Principal principal) {
		return (principal instanceof X500Principal x500) ? x500.getName() : principal.getName();
	}

	/**
	 * A server's certificate request.
	 *
	 * @param acceptableIssuers distinguished names of the CAs the server accepts, empty
	 * when it named none
	 * @param presented whether a certificate was presented
	 */
	record Request(List<String> acceptableIssuers, boolean presented) {

	}

}
