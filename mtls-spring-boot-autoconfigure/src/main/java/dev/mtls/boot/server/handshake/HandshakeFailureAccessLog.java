package dev.mtls.boot.server.handshake;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.AccessLog;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Tomcat writes an access log entry (status 400, no request) for every connection whose
 * TLS handshake failed, on the thread that ran the handshake: the moment the peer address
 * is known. Requests pass through untouched.
 */
final class HandshakeFailureAccessLog extends ValveBase implements AccessLog {

	private final HandshakeObserver observer;

	HandshakeFailureAccessLog(HandshakeObserver observer) {
		super(true);
		this.observer = observer;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		getNext().invoke(request, response);
	}

	@Override
	public void log(Request request, Response response, long time) {
		if (response.getStatus() == 400) {
			this.observer.connectionFailed(request.getRemoteAddr());
		}
	}

	@Override
	public void setRequestAttributesEnabled(boolean requestAttributesEnabled) {
	}

	@Override
	public boolean getRequestAttributesEnabled() {
		return false;
	}

}
