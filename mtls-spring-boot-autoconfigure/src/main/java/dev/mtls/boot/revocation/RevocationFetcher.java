package dev.mtls.boot.revocation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Downloads CRLs and OCSP responses with a time limit, never following redirects to
 * another scheme.
 */
class RevocationFetcher {

	private static final int MAX_BYTES = 10 * 1024 * 1024;

	private final HttpClient client;

	private final Duration timeout;

	RevocationFetcher(Duration timeout) {
		this.timeout = timeout;
		this.client = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	byte[] get(URI uri) throws IOException {
		return send(HttpRequest.newBuilder(uri).timeout(this.timeout).GET().build());
	}

	byte[] postOcsp(URI uri, byte[] request) throws IOException {
		return send(HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Content-Type", "application/ocsp-request")
			.header("Accept", "application/ocsp-response")
			.POST(HttpRequest.BodyPublishers.ofByteArray(request))
			.build());
	}

	private byte[] send(HttpRequest request) throws IOException {
		try {
			HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IOException(request.uri() + " answered HTTP " + response.statusCode());
			}
			if (response.body().length > MAX_BYTES) {
				throw new IOException(request.uri() + " answered more than " + MAX_BYTES + " bytes");
			}
			return response.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while fetching " + request.uri(), ex);
		}
	}

}
