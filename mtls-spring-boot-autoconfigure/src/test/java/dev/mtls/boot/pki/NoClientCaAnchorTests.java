package dev.mtls.boot.pki;

import java.util.List;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The placeholder that stands for "no client CA" is recognised as itself only: it is
 * decided by subject first (so listing a trust store does not create it), never by
 * subject alone.
 */
class NoClientCaAnchorTests {

	@Test
	void recognisesThePlaceholder() {
		assertThat(NoClientCaAnchor.is(NoClientCaAnchor.certificate())).isTrue();
	}

	@Test
	void caWithAnotherSubjectIsNoPlaceholder() {
		assertThat(NoClientCaAnchor.is(CertificateBuilder.ca("CN=Clients CA").issue().certificate())).isFalse();
	}

	@Test
	void caNamedLikeThePlaceholderIsStillTrusted() throws Exception {
		IssuedCertificate lookalike = CertificateBuilder.ca(NoClientCaAnchor.SUBJECT).issue();
		assertThat(NoClientCaAnchor.is(lookalike.certificate())).isFalse();
		assertThat(ClientTrustAnchors
			.trustedCertificates(InMemoryKeyStores.withCertificates(List.of(lookalike.certificate()))))
			.containsExactly(lookalike.certificate());
	}

}
