package dev.mtls.boot.actuate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mtls.boot.actuate.MtlsLifecycleRecorder.ReloadState;
import dev.mtls.boot.actuate.MtlsLifecycleRecorder.RevocationState;
import dev.mtls.boot.actuate.MtlsMaterialInspector.BundleMaterial;
import dev.mtls.boot.proxy.MtlsProxyProperties;
import dev.mtls.boot.server.handshake.HandshakeRefusal;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} ({@code /actuator/mtls}) showing the certificates the
 * service presents and trusts, for the server and for each outbound client, with their
 * validity, and the state of reload and revocation. Shows certificates only: never keys
 * or passwords.
 */
@Endpoint(id = "mtls")
public class MtlsEndpoint {

	private final MtlsMaterialInspector inspector;

	private final MtlsLifecycleRecorder lifecycle;

	private final Clock clock;

	private final Duration warningThreshold;

	private @Nullable RecentHandshakeRefusals handshakeRefusals;

	private @Nullable MtlsProxyProperties proxyProperties;

	MtlsEndpoint(MtlsMaterialInspector inspector, MtlsLifecycleRecorder lifecycle, Clock clock,
			Duration warningThreshold) {
		this.inspector = inspector;
		this.lifecycle = lifecycle;
		this.clock = clock;
		this.warningThreshold = warningThreshold;
	}

	void setHandshakeRefusals(@Nullable RecentHandshakeRefusals handshakeRefusals) {
		this.handshakeRefusals = handshakeRefusals;
	}

	void setProxyProperties(@Nullable MtlsProxyProperties proxyProperties) {
		this.proxyProperties = proxyProperties;
	}

	@ReadOperation
	public MtlsDescriptor mtls() {
		Instant now = this.clock.instant();
		BundleMaterial server = this.inspector.server();
		Map<String, ClientDescriptor> clients = new LinkedHashMap<>();
		for (BundleMaterial client : this.inspector.clients()) {
			clients.put(client.owner(), new ClientDescriptor(client.bundle(), facts(client.identity(), now),
					client.jdkDefaultTrust() ? "jdk-default" : "configured", facts(client.trusted(), now)));
		}
		ServerDescriptor serverDescriptor = (server != null)
				? new ServerDescriptor(server.bundle(), facts(server.identity(), now), facts(server.trusted(), now))
				: null;
		BundleMaterial proxy = this.inspector.proxy();
		ProxyDescriptor proxyDescriptor = (proxy != null && this.proxyProperties != null)
				? ProxyDescriptor.of(this.proxyProperties, facts(proxy.trusted(), now)) : null;
		return new MtlsDescriptor(serverDescriptor, proxyDescriptor, clients, this.lifecycle.getReloadState(),
				this.lifecycle.getRevocationState(),
				(this.handshakeRefusals != null) ? this.handshakeRefusals.latest() : List.of());
	}

	private List<CertificateFacts> facts(List<X509Certificate> certificates, Instant now) {
		return certificates.stream()
			.map((certificate) -> CertificateFacts.of(certificate, now, this.warningThreshold))
			.toList();
	}

	/**
	 * Everything the endpoint shows.
	 *
	 * @param server the server's identity and trust, {@code null} without server part
	 * @param proxy proxy mode's settings and trust anchors, {@code null} when off
	 * @param clients the outbound clients by name
	 * @param reload reload state
	 * @param revocation revocation state
	 * @param handshakeRefusals latest TLS handshakes refused by the server, newest first,
	 * {@code null} when the server's handshakes are not observed
	 */
	public record MtlsDescriptor(@Nullable ServerDescriptor server, @Nullable ProxyDescriptor proxy,
			Map<String, ClientDescriptor> clients, ReloadState reload, RevocationState revocation,
			List<HandshakeRefusal> handshakeRefusals) implements OperationResponseBody {

	}

	/**
	 * The server's SSL bundle.
	 *
	 * @param bundle SSL bundle name
	 * @param identity server certificate chain, leaf first
	 * @param trustedCertificates CAs trusted to issue client certificates
	 */
	public record ServerDescriptor(String bundle, List<CertificateFacts> identity,
			List<CertificateFacts> trustedCertificates) {

	}

	/**
	 * Proxy mode: who may forward client certificates, how, and what they are validated
	 * against.
	 *
	 * @param format header format
	 * @param header certificate header, {@code null} for the format's default
	 * @param chainHeader chain header, {@code null} without
	 * @param trustedProxies addresses and ranges allowed to send the header
	 * @param trustedProxyCertificates fingerprints of the proxies' own certificates, if
	 * required
	 * @param verifyHeader the proxy's verdict header, {@code null} without
	 * @param revalidate whether forwarded chains are validated again
	 * @param trustAnchors CAs forwarded chains are validated against
	 */
	public record ProxyDescriptor(String format, @Nullable String header, @Nullable String chainHeader,
			List<String> trustedProxies, List<String> trustedProxyCertificates, @Nullable String verifyHeader,
			boolean revalidate, List<CertificateFacts> trustAnchors) {

		static ProxyDescriptor of(MtlsProxyProperties properties, List<CertificateFacts> trustAnchors) {
			return new ProxyDescriptor(
					properties.getFormat().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
					properties.getHeader(), properties.getChainHeader(), List.copyOf(properties.getTrustedProxies()),
					List.copyOf(properties.getTrustedProxyCertificates()), properties.getVerifyHeader(),
					properties.isRevalidate(), trustAnchors);
		}

	}

	/**
	 * One outbound client's SSL bundle.
	 *
	 * @param bundle SSL bundle name
	 * @param identity client certificate chain presented, leaf first (empty without)
	 * @param trust {@code configured}, or {@code jdk-default} for the JDK's CAs
	 * @param trustedCertificates configured trusted certificates
	 */
	public record ClientDescriptor(String bundle, List<CertificateFacts> identity, String trust,
			List<CertificateFacts> trustedCertificates) {

	}

}
