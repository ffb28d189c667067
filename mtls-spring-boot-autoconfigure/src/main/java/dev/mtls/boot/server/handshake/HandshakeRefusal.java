package dev.mtls.boot.server.handshake;

import java.security.cert.X509Certificate;
import java.time.Instant;

import dev.mtls.boot.pki.CertificateFingerprint;
import dev.mtls.boot.pki.ControlCharacters;
import org.jspecify.annotations.Nullable;

/**
 * One TLS handshake refused by the server. Names are escaped (no control characters), no
 * key material is kept.
 *
 * @param time when the handshake was refused
 * @param reason why it was refused
 * @param peerAddress the client's IP address, {@code null} when unknown
 * @param subject the refused certificate's subject, {@code null} when the client sent
 * none
 * @param issuer the refused certificate's issuer, {@code null} when the client sent none
 * @param fingerprint the refused certificate's SHA-256 fingerprint, {@code null} when the
 * client sent none
 * @param uri the refused certificate's first URI subject alternative name (a SPIFFE ID,
 * for example), {@code null} when it has none
 * @param detail the TLS stack's message
 */
public record HandshakeRefusal(Instant time, HandshakeRefusalReason reason, @Nullable String peerAddress,
		@Nullable String subject, @Nullable String issuer, @Nullable String fingerprint, @Nullable String uri,
		@Nullable String detail) {

	static HandshakeRefusal of(Instant time, HandshakeRefusalReason reason, @Nullable String peerAddress,
			@Nullable X509Certificate certificate, @Nullable String detail) {
		if (certificate == null) {
			return new HandshakeRefusal(time, reason, peerAddress, null, null, null, null,
					ControlCharacters.escape(detail));
		}
		return new HandshakeRefusal(time, reason, peerAddress,
				ControlCharacters.escape(certificate.getSubjectX500Principal().getName()),
				ControlCharacters.escape(certificate.getIssuerX500Principal().getName()),
				CertificateFingerprint.sha256(certificate), ControlCharacters.escape(firstUri(certificate)),
				ControlCharacters.escape(detail));
	}

	HandshakeRefusal withPeerAddress(String address) {
		return new HandshakeRefusal(this.time, this.reason, address, this.subject, this.issuer, this.fingerprint,
				this.uri, this.detail);
	}

	private static @Nullable String firstUri(X509Certificate certificate) {
		try {
			if (certificate.getSubjectAlternativeNames() == null) {
				return null;
			}
			for (var name : certificate.getSubjectAlternativeNames()) {
				if (Integer.valueOf(6).equals(name.get(0)) && name.get(1) instanceof String uri) {
					return uri;
				}
			}
		}
		catch (java.security.cert.CertificateParsingException ex) {
			// An unparsable extension is no name: the refusal is reported without it
		}
		return null;
	}

}
