package dev.mtls.boot.client;

import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Tells the {@link MtlsClientRequestListener} beans, in order, of a completed request; an
 * exception thrown by a listener is logged and never reaches the caller. Listeners are
 * looked up on each call, so that beans created after the HTTP client (metrics) are told.
 */
final class ClientRequestListeners {

	private static final Log logger = LogFactory.getLog(ClientRequestListeners.class);

	static final ClientRequestListeners NONE = new ClientRequestListeners(null);

	private final @Nullable ObjectProvider<MtlsClientRequestListener> listeners;

	ClientRequestListeners(@Nullable ObjectProvider<MtlsClientRequestListener> listeners) {
		this.listeners = listeners;
	}

	void responded(MtlsClient client, int status) {
		notify(client, status, null, null);
	}

	void refused(MtlsClient client, @Nullable Integer status, MtlsClientException failure) {
		notify(client, status, failure.getReason(), failure);
	}

	void failed(MtlsClient client, Throwable failure) {
		notify(client, null, null, failure);
	}

	private void notify(MtlsClient client, @Nullable Integer status, MtlsClientException.@Nullable Reason reason,
			@Nullable Throwable error) {
		if (this.listeners == null) {
			return;
		}
		Stream<MtlsClientRequestListener> ordered = this.listeners.orderedStream();
		ordered.forEach((listener) -> {
			try {
				listener.requestCompleted(client.getName(), status, reason, error);
			}
			catch (RuntimeException ex) {
				logger.warn("MtlsClientRequestListener " + listener.getClass().getName()
						+ " failed for a request of mTLS client '" + client.getName()
						+ "'; the request is not affected", ex);
			}
		});
	}

}
