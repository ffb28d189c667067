package dev.mtls.boot.revocation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Concurrent misses for one certificate share one OCSP request.
 */
class OcspResponsesTests {

	@TempDir
	Path directory;

	private HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		this.server.createContext("/ocsp", (exchange) -> {
			this.requests.incrementAndGet();
			exchange.getRequestBody().readAllBytes();
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			byte[] body = { 0x30, 0x03, 0x0a, 0x01, 0x01 };
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		this.server.stop(0);
	}

	@Test
	void concurrentMissesForOneCertificateShareOneRequest() throws Exception {
		TestPki pki = new TestPki(this.directory);
		MtlsRevocationProperties properties = new MtlsRevocationProperties();
		properties.setOcspResponder(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/ocsp"));
		OcspResponses responses = new OcspResponses(properties,
				new RevocationFetcher(Duration.ofSeconds(10), 1024 * 1024), Clock.systemUTC());
		CompletableFuture<OcspResponses.Cached> first = CompletableFuture.supplyAsync(() -> get(responses, pki),
				runner());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.requests.get() == 1);
		Thread[] waiter = new Thread[1];
		CompletableFuture<OcspResponses.Cached> second = CompletableFuture.supplyAsync(() -> {
			waiter[0] = Thread.currentThread();
			return get(responses, pki);
		}, runner());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> waiter[0] != null && waiter[0].getState() == Thread.State.WAITING);
		this.release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS).response()).isEqualTo(second.get(10, TimeUnit.SECONDS).response());
		assertThat(this.requests).hasValue(1);
	}

	private static java.util.concurrent.Executor runner() {
		return (task) -> new Thread(task).start();
	}

	private static OcspResponses.Cached get(OcspResponses responses, TestPki pki) {
		try {
			return responses.get(pki.client().certificate(), pki.ca().certificate());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
