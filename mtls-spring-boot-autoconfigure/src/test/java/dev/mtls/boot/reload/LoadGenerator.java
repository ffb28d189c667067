package dev.mtls.boot.reload;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.mtls.boot.pki.CertificateFingerprint;

/**
 * Threads that send requests continuously, each through a new HTTP client (new SSL
 * context, so new connections and no TLS session to resume) every few requests, and
 * record what they saw: successes, failures, server certificates and response bodies.
 */
final class LoadGenerator implements AutoCloseable {

	private static final int REQUESTS_PER_CLIENT = 5;

	private final Supplier<Client> clients;

	private final String url;

	private final List<Thread> threads = new ArrayList<>();

	private final AtomicInteger[] generations;

	private final AtomicInteger generation = new AtomicInteger();

	private final AtomicLong successes = new AtomicLong();

	private final AtomicLong clientsCreated = new AtomicLong();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private final Set<String> serverFingerprints = ConcurrentHashMap.newKeySet();

	private final Set<String> bodies = ConcurrentHashMap.newKeySet();

	private volatile boolean running = true;

	LoadGenerator(int threads, String url, Supplier<Client> clients) {
		this.url = url;
		this.clients = clients;
		this.generations = new AtomicInteger[threads];
		for (int i = 0; i < threads; i++) {
			AtomicInteger threadGeneration = new AtomicInteger(-1);
			this.generations[i] = threadGeneration;
			Thread thread = new Thread(() -> run(threadGeneration), "load-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
		}
		this.threads.forEach(Thread::start);
	}

	private void run(AtomicInteger threadGeneration) {
		while (this.running) {
			int current = this.generation.get();
			Client client;
			try {
				client = this.clients.get();
			}
			catch (RuntimeException ex) {
				this.failures.add("client creation: " + ex);
				continue;
			}
			threadGeneration.set(current);
			this.clientsCreated.incrementAndGet();
			for (int i = 0; i < REQUESTS_PER_CLIENT && this.running; i++) {
				try {
					HttpResponse<String> response = client.get(this.url);
					if (response.statusCode() != 200) {
						this.failures.add("status " + response.statusCode() + ": " + response.body());
						continue;
					}
					this.successes.incrementAndGet();
					this.bodies.add(response.body());
					response.sslSession()
						.map((session) -> peerCertificate(session))
						.ifPresent(this.serverFingerprints::add);
				}
				catch (Exception ex) {
					this.failures.add(ex.toString());
				}
			}
		}
	}

	private static String peerCertificate(javax.net.ssl.SSLSession session) {
		try {
			return CertificateFingerprint.sha256((X509Certificate) session.getPeerCertificates()[0]);
		}
		catch (Exception ex) {
			return "unknown";
		}
	}

	/**
	 * Make clients created from now on use what {@link #clients} now supplies.
	 * @return the new generation
	 */
	int nextGeneration() {
		return this.generation.incrementAndGet();
	}

	/**
	 * Whether every thread has created a client of the given generation or later.
	 */
	boolean allThreadsReached(int generation) {
		for (AtomicInteger threadGeneration : this.generations) {
			if (threadGeneration.get() < generation) {
				return false;
			}
		}
		return true;
	}

	boolean sawServerCertificate(String fingerprint) {
		return this.serverFingerprints.contains(fingerprint);
	}

	boolean sawBodyContaining(String text) {
		return this.bodies.stream().anyMatch((body) -> body.contains(text));
	}

	long successes() {
		return this.successes.get();
	}

	long clientsCreated() {
		return this.clientsCreated.get();
	}

	List<String> failures() {
		return List.copyOf(this.failures);
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(30_000);
		}
	}

	/**
	 * One HTTP client.
	 */
	@FunctionalInterface
	interface Client {

		HttpResponse<String> get(String url) throws Exception;

	}

	static Client of(HttpClient httpClient) {
		return (url) -> httpClient.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
			.timeout(java.time.Duration.ofSeconds(20))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
