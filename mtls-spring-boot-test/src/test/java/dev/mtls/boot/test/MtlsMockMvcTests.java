package dev.mtls.boot.test;

import java.security.cert.X509Certificate;

import dev.mtls.boot.devpki.IssuedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.web.MockHttpServletRequest;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MtlsMockMvcTests {

	@TempDir
	Path directory;

	@Test
	void putsTheChainWithoutTheRootIntoTheServletAttribute() {
		MtlsTestPki pki = MtlsTestPki.builder().intermediates(1).build(this.directory);
		IssuedCertificate alice = pki.client("CN=alice");
		MockHttpServletRequest request = (MockHttpServletRequest) MtlsMockMvc.clientCertificate(alice)
			.postProcessRequest(new MockHttpServletRequest());
		X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
		assertThat(chain).containsExactly(alice.certificate(), pki.intermediates().get(0).certificate());
		assertThat(request.isSecure()).isTrue();
	}

	@Test
	void writesTheFilesTheServerPropertiesName() {
		MtlsTestPki pki = MtlsTestPki.builder().build(this.directory);
		assertThat(pki.serverProperties()).containsOnlyKeys("mtls.server.keystore.certificate",
				"mtls.server.keystore.private-key", "mtls.server.truststore.certificate");
		assertThat(pki.file("ca.crt")).isRegularFile();
		assertThat(pki.file("server.p12")).isRegularFile();
		assertThat(pki.file("truststore.jks")).isRegularFile();
	}

}
