package dev.mtls.boot.revocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Downloads CRLs and OCSP responses with a time limit and a size limit that stops reading
 * as soon as it is passed. Redirects are followed by hand, at most
 * {@value #MAX_REDIRECTS} and only within the same scheme: an {@code http:} CRL location
 * never turns into {@code https:} (or the reverse), so what the certificate or the
 * property names is what is fetched.
 */
class RevocationFetcher {

	static final int MAX_REDIRECTS = 3;

	private final Duration timeout;

	private final long maxBytes;

	private volatile @Nullable HttpClient client;

	RevocationFetcher(Duration timeout, long maxBytes) {
		this.timeout = timeout;
		this.maxBytes = maxBytes;
	}

	/**
	 * The HTTP client, built on the first download: an {@code HttpClient} starts a
	 * selector thread and initialises the JDK's default SSL context, work that an
	 * application without revocation checking, or with local CRL files only, never needs.
	 */
	private HttpClient client() {
		HttpClient current = this.client;
		if (current == null) {
			synchronized (this) {
				current = this.client;
				if (current == null) {
					current = HttpClient.newBuilder()
						.connectTimeout(this.timeout)
						.followRedirects(HttpClient.Redirect.NEVER)
						.version(HttpClient.Version.HTTP_1_1)
						.build();
					this.client = current;
				}
			}
		}
		return current;
	}

	/**
	 * Download a CRL.
	 */
	byte[] get(URI uri) throws IOException {
		return await(getAsync(uri), uri);
	}

	/**
	 * Download a CRL without blocking the caller.
	 */
	CompletableFuture<byte[]> getAsync(URI uri) {
		return send(uri, 0, (target) -> HttpRequest.newBuilder(target).timeout(this.timeout).GET().build());
	}

	/**
	 * Post an OCSP request.
	 */
	byte[] postOcsp(URI uri, byte[] request) throws IOException {
		return await(send(uri, 0,
				(target) -> HttpRequest.newBuilder(target)
					.timeout(this.timeout)
					.header("Content-Type", "application/ocsp-request")
					.header("Accept", "application/ocsp-response")
					.POST(HttpRequest.BodyPublishers.ofByteArray(request))
					.build()),
				uri);
	}

	private CompletableFuture<byte[]> send(URI uri, int redirects, RequestFactory requests) {
		return client().sendAsync(requests.create(uri), (info) -> limited(uri, info))
			.thenCompose((response) -> followOrReturn(uri, response, redirects, requests));
	}

	private CompletionStage<byte[]> followOrReturn(URI uri, HttpResponse<byte[]> response, int redirects,
			RequestFactory requests) {
		int status = response.statusCode();
		if (status == 200) {
			return CompletableFuture.completedFuture(response.body());
		}
		Optional<String> location = response.headers().firstValue("Location");
		if (isRedirect(status) && location.isPresent()) {
			URI target = uri.resolve(location.get());
			if (!scheme(target).equals(scheme(uri))) {
				return CompletableFuture.failedFuture(new IOException(uri + " redirects to " + target
						+ ", another scheme; redirects are followed within the same scheme only"));
			}
			if (redirects >= MAX_REDIRECTS) {
				return CompletableFuture
					.failedFuture(new IOException(uri + " redirects more than " + MAX_REDIRECTS + " times"));
			}
			return send(target, redirects + 1, requests);
		}
		return CompletableFuture.failedFuture(new IOException(uri + " answered HTTP " + status));
	}

	private HttpResponse.BodySubscriber<byte[]> limited(URI uri, HttpResponse.ResponseInfo info) {
		long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
		return new LimitedBodySubscriber(uri, this.maxBytes, declared);
	}

	private byte[] await(CompletableFuture<byte[]> future, URI uri) throws IOException {
		try {
			// The client's own timeouts end the exchange; this bounds redirect hops too.
			return future.get(this.timeout.toMillis() * (MAX_REDIRECTS + 1), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while fetching " + uri, ex);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new IOException("Timed out fetching " + uri, ex);
		}
		catch (ExecutionException ex) {
			throw asIoException(uri, ex.getCause());
		}
	}

	/**
	 * Return the cause of a failed download as an {@link IOException}.
	 */
	static IOException asIoException(URI uri, @Nullable Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof IOException io) {
			return io;
		}
		return new IOException("Unable to fetch " + uri + ": " + cause, cause);
	}

	static IOException tooLarge(URI uri, long maxBytes) {
		return new IOException(uri + " answered more than " + maxBytes
				+ " bytes; raise mtls.revocation.max-download-size if this is expected");
	}

	private static boolean isRedirect(int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	private static String scheme(URI uri) {
		return (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
	}

	@FunctionalInterface
	private interface RequestFactory {

		HttpRequest create(URI uri);

	}

	/**
	 * Collects a body up to a size limit and cancels the exchange when it is passed, so
	 * that an oversized answer is never read whole.
	 */
	private static final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

		private final URI uri;

		private final long maxBytes;

		private final CompletableFuture<byte[]> result = new CompletableFuture<>();

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		private final long declaredBytes;

		private Flow.@Nullable Subscription subscription;

		LimitedBodySubscriber(URI uri, long maxBytes, long declaredBytes) {
			this.uri = uri;
			this.maxBytes = maxBytes;
			this.declaredBytes = declaredBytes;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.result;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (this.declaredBytes > this.maxBytes) {
				// Content-Length already says too much: read nothing.
				subscription.cancel();
				this.result.completeExceptionally(tooLarge(this.uri, this.maxBytes));
				return;
			}
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			if (this.result.isDone()) {
				return;
			}
			for (ByteBuffer buffer : buffers) {
				if (this.body.size() + (long) buffer.remaining() > this.maxBytes) {
					// onSubscribe happens before any onNext (Flow contract)
					Objects.requireNonNull(this.subscription).cancel();
					this.result.completeExceptionally(tooLarge(this.uri, this.maxBytes));
					return;
				}
				byte[] chunk = new byte[buffer.remaining()];
				buffer.get(chunk);
				this.body.writeBytes(chunk);
			}
		}

		@Override
		public void onError(Throwable throwable) {
			this.result.completeExceptionally(throwable);
		}

		@Override
		public void onComplete() {
			this.result.complete(this.body.toByteArray());
		}

	}

}
