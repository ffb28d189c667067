package dev.mtls.boot.proxy;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Records the TCP peer address before Tomcat's {@code RemoteIpValve} (what
 * {@code server.forward-headers-strategy=native} installs) replaces it with the address
 * from {@code X-Forwarded-For}, which the peer could have forged.
 */
class TcpPeerAddressValve extends ValveBase {

	static final String ATTRIBUTE = TcpPeerAddressValve.class.getName() + ".address";

	TcpPeerAddressValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		request.setAttribute(ATTRIBUTE, request.getRemoteAddr());
		getNext().invoke(request, response);
	}

}
