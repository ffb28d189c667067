package dev.mtls.boot.revocation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * Downloads of CRLs and OCSP answers against a real HTTP server on loopback: bounded in
 * size while streaming, redirects followed within the same scheme only.
 */
class RevocationFetcherTests {

	private static final int LIMIT = 64 * 1024;

	private HttpServer server;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicBoolean streamCut = new AtomicBoolean();

	private final RevocationFetcher fetcher = new RevocationFetcher(Duration.ofSeconds(5), LIMIT);

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/small", (exchange) -> respond(exchange, new byte[100]));
		this.server.createContext("/endless", this::endless);
		this.server.createContext("/declared-large", (exchange) -> {
			exchange.sendResponseHeaders(200, 50L * 1024 * 1024);
			exchange.close();
		});
		this.server.createContext("/redirect-same-scheme", (exchange) -> redirect(exchange, "/small"));
		this.server.createContext("/redirect-to-https",
				(exchange) -> redirect(exchange, "https://127.0.0.1:" + port() + "/small"));
		this.server.createContext("/redirect-loop", (exchange) -> redirect(exchange, "/redirect-loop"));
		this.server.createContext("/missing", (exchange) -> {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void readsASmallBody() throws IOException {
		assertThat(this.fetcher.get(uri("/small"))).hasSize(100);
	}

	@Test
	void stopsReadingAnUndeclaredBodyAtTheSizeLimit() {
		assertThatIOException().isThrownBy(() -> this.fetcher.get(uri("/endless")))
			.withMessageContaining("answered more than " + LIMIT + " bytes")
			.withMessageContaining("mtls.revocation.max-download-size");
		// The server notices that the client went away long before it sent everything.
		await().atMost(Duration.ofSeconds(10)).untilTrue(this.streamCut);
		assertThat(this.sent.get()).isLessThan(16L * 1024 * 1024);
	}

	@Test
	void refusesABodyDeclaredLargerThanTheLimit() {
		assertThatIOException().isThrownBy(() -> this.fetcher.get(uri("/declared-large")))
			.withMessageContaining("answered more than " + LIMIT + " bytes");
	}

	@Test
	void followsARedirectWithinTheSameScheme() throws IOException {
		assertThat(this.fetcher.get(uri("/redirect-same-scheme"))).hasSize(100);
	}

	@Test
	void refusesARedirectToAnotherScheme() {
		assertThatIOException().isThrownBy(() -> this.fetcher.get(uri("/redirect-to-https")))
			.withMessageContaining("another scheme");
	}

	@Test
	void stopsFollowingRedirectsAfterTheLimit() {
		assertThatIOException().isThrownBy(() -> this.fetcher.get(uri("/redirect-loop")))
			.withMessageContaining("redirects more than " + RevocationFetcher.MAX_REDIRECTS + " times");
	}

	@Test
	void reportsAnHttpError() {
		assertThatIOException().isThrownBy(() -> this.fetcher.get(uri("/missing")))
			.withMessageContaining("answered HTTP 404");
	}

	private void endless(HttpExchange exchange) throws IOException {
		exchange.sendResponseHeaders(200, 0);
		byte[] chunk = new byte[8192];
		try (OutputStream out = exchange.getResponseBody()) {
			// Bounded: 64 MB at most, far more than the limit.
			for (int i = 0; i < 8192; i++) {
				out.write(chunk);
				out.flush();
				this.sent.addAndGet(chunk.length);
			}
		}
		catch (IOException ex) {
			this.streamCut.set(true);
		}
	}

	private static void redirect(HttpExchange exchange, String location) throws IOException {
		exchange.getResponseHeaders().add("Location", location);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	private static void respond(HttpExchange exchange, byte[] body) throws IOException {
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private int port() {
		return this.server.getAddress().getPort();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port() + path);
	}

}
