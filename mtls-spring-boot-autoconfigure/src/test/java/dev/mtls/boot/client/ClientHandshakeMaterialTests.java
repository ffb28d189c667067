package dev.mtls.boot.client;

import java.security.cert.X509Certificate;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity and trust change in one step, and a key read by the alias chosen before a
 * reload is the key of that alias's certificate, never the new one.
 */
class ClientHandshakeMaterialTests {

	private final IssuedCertificate ca = CertificateBuilder.ca("CN=CA").issue();

	@Test
	void identityAndTrustChangeTogether() {
		ClientHandshakeMaterial material = new ClientHandshakeMaterial();
		ClientTrustManager.Trust oldTrust = new ClientTrustManager.Trust(null, "old");
		ClientTrustManager.Trust newTrust = new ClientTrustManager.Trust(null, "new");
		material.update(identity("CN=old"), oldTrust);
		material.update(identity("CN=new"), newTrust);
		assertThat(material.current().trust()).isSameAs(newTrust);
		assertThat(material.current().identity().certificate().getSubjectX500Principal().getName()).isEqualTo("CN=new");
	}

	@Test
	void aliasChosenBeforeAReloadStillGivesTheMatchingChainAndKey() {
		ClientHandshakeMaterial material = new ClientHandshakeMaterial();
		ClientKeyManager keyManager = new ClientKeyManager(new CertificateRequests(), material);
		ClientKeyManager.Identity before = identity("CN=before");
		material.update(before, new ClientTrustManager.Trust(null, "trust"));
		String chosen = keyManager.chooseClientAlias(new String[] { "EC" }, null, null);

		ClientKeyManager.Identity after = identity("CN=after");
		material.update(after, new ClientTrustManager.Trust(null, "trust"));
		assertThat(keyManager.getCertificateChain(chosen)).containsExactly(before.chain());
		assertThat(keyManager.getPrivateKey(chosen)).isSameAs(before.privateKey());

		String next = keyManager.chooseClientAlias(new String[] { "EC" }, null, null);
		assertThat(next).isNotEqualTo(chosen);
		assertThat(keyManager.getPrivateKey(next)).isSameAs(after.privateKey());

		material.update(identity("CN=latest"), new ClientTrustManager.Trust(null, "trust"));
		assertThat(keyManager.getPrivateKey(chosen)).isNull();
	}

	private ClientKeyManager.Identity identity(String subject) {
		IssuedCertificate issued = CertificateBuilder.endEntity(subject).clientAuth().issuedBy(this.ca).issue();
		return new ClientKeyManager.Identity("client", issued.privateKey(),
				issued.chain().toArray(new X509Certificate[0]));
	}

}
