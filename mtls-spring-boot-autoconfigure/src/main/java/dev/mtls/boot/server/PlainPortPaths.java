package dev.mtls.boot.server;

import java.util.List;
import java.util.function.IntSupplier;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What the plain port serves when mutual TLS has its own port ({@code mtls.server.port}):
 * only the paths of {@code mtls.server.plain-port-paths}, without a client certificate;
 * every other path is not found there. Decides from the local port and the path alone,
 * whatever the web stack.
 */
public final class PlainPortPaths {

	private final List<PathPattern> patterns;

	private final IntSupplier mtlsPort;

	PlainPortPaths(List<String> patterns, IntSupplier mtlsPort) {
		this.patterns = patterns.stream()
			.filter((pattern) -> pattern != null && !pattern.isBlank())
			.map((pattern) -> PathPatternParser.defaultInstance.parse(pattern.trim()))
			.toList();
		this.mtlsPort = mtlsPort;
	}

	/**
	 * Tell whether a request reached the plain port and asks for a path declared for it:
	 * served without a client certificate.
	 * @param localPort the port the request arrived on
	 * @param path the path within the application
	 * @return whether the request is a plain-port request for a declared path
	 */
	public boolean permits(int localPort, String path) {
		return isPlainPort(localPort) && isDeclared(path);
	}

	/**
	 * Tell whether a request reached the plain port and asks for a path not declared for
	 * it: not found there.
	 * @param localPort the port the request arrived on
	 * @param path the path within the application
	 * @return whether the request must be refused
	 */
	public boolean refuses(int localPort, String path) {
		return isPlainPort(localPort) && !isDeclared(path);
	}

	private boolean isPlainPort(int localPort) {
		int port = this.mtlsPort.getAsInt();
		return port > 0 && localPort != port;
	}

	private boolean isDeclared(String path) {
		PathContainer container = PathContainer.parsePath(path);
		return this.patterns.stream().anyMatch((pattern) -> pattern.matches(container));
	}

}
