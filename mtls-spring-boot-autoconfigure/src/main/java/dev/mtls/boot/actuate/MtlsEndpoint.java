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
import dev.mtls.boot.server.handshake.HandshakeRefusal;

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

	private RecentHandshakeRefusals handshakeRefusals;

	MtlsEndpoint(MtlsMaterialInspector inspector, MtlsLifecycleRecorder lifecycle, Clock clock,
			Duration warningThreshold) {
		this.inspector = inspector;
		this.lifecycle = lifecycle;
		this.clock = clock;
		this.warningThreshold = warningThreshold;
	}

	void setHandshakeRefusals(RecentHandshakeRefusals handshakeRefusals) {
		this.handshakeRefusals = handshakeRefusals;
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
		return new MtlsDescriptor(serverDescriptor, clients, this.lifecycle.getReloadState(),
				this.lifecycle.getRevocationState(),
				(this.handshakeRefusals != null) ? this.handshakeRefusals.latest() : null);
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
	 * @param clients the outbound clients by name
	 * @param reload reload state
	 * @param revocation revocation state
	 * @param handshakeRefusals latest TLS handshakes refused by the server, newest first,
	 * {@code null} when the server's handshakes are not observed
	 */
	public record MtlsDescriptor(ServerDescriptor server, Map<String, ClientDescriptor> clients, ReloadState reload,
			RevocationState revocation, List<HandshakeRefusal> handshakeRefusals) implements OperationResponseBody {

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
