package dev.mtls.boot.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.proxy.ForwardedCertificateFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

/**
 * Calls an application that runs behind a TLS-terminating proxy
 * ({@code mtls.proxy.enabled=true}, plain HTTP) the way the proxy does: the client
 * certificate in the proxy format's header, correctly encoded (see
 * {@link ForwardedCertificates}), over a TCP connection from a chosen loopback address,
 * so that a test covers both a trusted proxy ({@code mtls.proxy.trusted-proxies}) and any
 * other peer.
 *
 * <pre class="code">
 * MtlsProxyTestClient proxy = MtlsProxyTestClient.of(environment, ForwardedCertificateFormat.PEM_URLENCODED)
 *     .header("X-SSL-Client-Verify", "SUCCESS");
 * proxy.from("127.0.0.1").post(pki.client("CN=alice"), "/api/notes", "{}");   // 201
 * proxy.from("127.0.0.2").post(pki.client("CN=alice"), "/api/notes", "{}");   // 401
 * </pre>
 *
 * Every {@code 127.0.0.0/8} address is local on Linux; macOS has only {@code 127.0.0.1}
 * until another is added ({@code sudo ifconfig lo0 alias 127.0.0.2}), or use {@code ::1}
 * as the other peer. Immutable: {@code from} and {@code header} return a new client.
 */
public final class MtlsProxyTestClient {

	private final int port;

	private final ForwardedCertificateFormat format;

	private final String certificateHeader;

	private final String peerAddress;

	private final Map<String, String> headers;

	private MtlsProxyTestClient(int port, ForwardedCertificateFormat format, String certificateHeader,
			String peerAddress, Map<String, String> headers) {
		this.port = port;
		this.format = format;
		this.certificateHeader = certificateHeader;
		this.peerAddress = peerAddress;
		this.headers = headers;
	}

	/**
	 * Return a client for the application listening on {@code port} (plain HTTP), sending
	 * from {@code 127.0.0.1}.
	 * @param port the application's port
	 * @param format the proxy format the application expects ({@code mtls.proxy.format})
	 * @return the client
	 */
	public static MtlsProxyTestClient of(int port, ForwardedCertificateFormat format) {
		return new MtlsProxyTestClient(port, format, format.defaultHeader(), "127.0.0.1", Map.of());
	}

	/**
	 * Return a client for a started application ({@code local.server.port}).
	 * @param environment the application's environment
	 * @param format the proxy format the application expects ({@code mtls.proxy.format})
	 * @return the client
	 */
	public static MtlsProxyTestClient of(Environment environment, ForwardedCertificateFormat format) {
		return of(environment.getRequiredProperty("local.server.port", Integer.class), format);
	}

	/**
	 * Return a client that connects from another local address.
	 * @param peerAddress a loopback address, such as {@code 127.0.0.2} or {@code ::1}
	 * @return the client
	 */
	public MtlsProxyTestClient from(String peerAddress) {
		return new MtlsProxyTestClient(this.port, this.format, this.certificateHeader, peerAddress, this.headers);
	}

	/**
	 * Return a client that sends the certificate under another header (the application's
	 * {@code mtls.proxy.header}).
	 * @param name the header name
	 * @return the client
	 */
	public MtlsProxyTestClient certificateHeader(String name) {
		return new MtlsProxyTestClient(this.port, this.format, name, this.peerAddress, this.headers);
	}

	/**
	 * Return a client that adds a header to every request, such as the proxy's verdict
	 * ({@code X-SSL-Client-Verify: SUCCESS}).
	 * @param name the header name
	 * @param value the header value
	 * @return the client
	 */
	public MtlsProxyTestClient header(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new MtlsProxyTestClient(this.port, this.format, this.certificateHeader, this.peerAddress,
				Map.copyOf(headers));
	}

	/**
	 * Send {@code GET path} with the forwarded certificate.
	 * @param identity the client certificate, or {@code null} to forward none
	 * @param path the path
	 * @return the response
	 */
	public ResponseEntity<String> get(@Nullable IssuedCertificate identity, String path) {
		return exchange("GET", path, identity, null);
	}

	/**
	 * Send {@code POST path} with a JSON body and the forwarded certificate.
	 * @param identity the client certificate, or {@code null} to forward none
	 * @param path the path
	 * @param json the body
	 * @return the response
	 */
	public ResponseEntity<String> post(@Nullable IssuedCertificate identity, String path, String json) {
		return exchange("POST", path, identity, json);
	}

	/**
	 * Send a request with the forwarded certificate.
	 * @param method the HTTP method
	 * @param path the path
	 * @param identity the client certificate, or {@code null} to forward none
	 * @param json a JSON body, or {@code null}
	 * @return the response
	 */
	public ResponseEntity<String> exchange(String method, String path, @Nullable IssuedCertificate identity,
			@Nullable String json) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		if (identity != null) {
			headers.putAll(ForwardedCertificates.headers(this.format, identity, this.certificateHeader));
		}
		byte[] body = (json != null) ? json.getBytes(StandardCharsets.UTF_8) : new byte[0];
		StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
		InetAddress local = address(this.peerAddress);
		request.append("Host: ").append(host(local)).append(':').append(this.port).append("\r\n");
		request.append("Connection: close\r\n");
		if (json != null) {
			request.append("Content-Type: application/json\r\n");
		}
		request.append("Content-Length: ").append(body.length).append("\r\n");
		headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		request.append("\r\n");
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(30_000);
			socket.bind(new InetSocketAddress(local, 0));
			socket.connect(new InetSocketAddress(loopback(local), this.port), 10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			return parse(socket.getInputStream().readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot call port " + this.port + " from " + this.peerAddress, ex);
		}
	}

	private static ResponseEntity<String> parse(byte[] response) throws IOException {
		int end = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
		if (end < 0) {
			throw new IOException("Incomplete HTTP response: " + new String(response, StandardCharsets.ISO_8859_1));
		}
		String[] lines = new String(response, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
		HttpHeaders headers = new HttpHeaders();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
		}
		byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
		if ("chunked".equalsIgnoreCase(headers.getFirst(HttpHeaders.TRANSFER_ENCODING))) {
			body = dechunk(body);
		}
		return ResponseEntity.status(HttpStatusCode.valueOf(status))
			.headers(headers)
			.body(new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] chunked) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(chunked.length);
		int position = 0;
		while (true) {
			int lineEnd = indexOf(chunked, new byte[] { '\r', '\n' }, position);
			if (lineEnd < 0) {
				throw new IOException("Malformed chunked body");
			}
			String sizeLine = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
			int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
			if (size == 0) {
				return out.toByteArray();
			}
			out.write(chunked, lineEnd + 2, size);
			position = lineEnd + 2 + size + 2;
		}
	}

	private static int indexOf(byte[] data, byte[] pattern, int from) {
		for (int i = from; i <= data.length - pattern.length; i++) {
			boolean match = true;
			for (int j = 0; j < pattern.length && match; j++) {
				match = data[i + j] == pattern[j];
			}
			if (match) {
				return i;
			}
		}
		return -1;
	}

	private static InetAddress address(String address) {
		try {
			InetAddress inet = InetAddress.getByName(address);
			if (!inet.isLoopbackAddress()) {
				throw new IllegalArgumentException(
						"'" + address + "' is not a loopback address: tests send from 127.0.0.0/8 or ::1 only");
			}
			return inet;
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("'" + address + "' is not an IP address", ex);
		}
	}

	private static InetAddress loopback(InetAddress local) throws UnknownHostException {
		return InetAddress.getByName((local instanceof Inet6Address) ? "::1" : "127.0.0.1");
	}

	private static String host(InetAddress local) {
		return (local instanceof Inet6Address) ? "[::1]" : "127.0.0.1";
	}

	@Override
	public String toString() {
		return "MtlsProxyTestClient[" + this.format.name().toLowerCase(Locale.ROOT) + " from " + this.peerAddress
				+ " to port " + this.port + "]";
	}

}
