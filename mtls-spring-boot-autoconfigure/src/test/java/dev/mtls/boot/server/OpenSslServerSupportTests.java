package dev.mtls.boot.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.mtls.boot.pki.MtlsMaterialException;
import dev.mtls.boot.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code mtls.server.ssl-implementation=openssl} refuses to start without what it needs,
 * and says what is missing.
 */
class OpenSslServerSupportTests {

	/**
	 * Hides Tomcat's FFM classes, present on the test class path on Java 22+.
	 */
	private static final FilteredClassLoader WITHOUT_FFM = new FilteredClassLoader(
			OpenSslServerSupport.FFM_IMPLEMENTATION);

	@TempDir
	Path directory;

	@Test
	void refusesJavaOlderThan22() throws Exception {
		Path lib = withLibssl();
		assertThatExceptionOfType(MtlsMaterialException.class)
			.isThrownBy(() -> new OpenSslServerSupport(21, getClass().getClassLoader(), List.of(lib)))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("mtls.server.ssl-implementation");
				assertThat(ex.getDescription()).contains("Java 22 or later (running on Java 21)");
				assertThat(ex.getAction()).contains("mtls.server.ssl-implementation=jsse");
			});
	}

	@Test
	void refusesWithoutTomcatsFfmClasses() throws Exception {
		Path lib = withLibssl();
		assertThatExceptionOfType(MtlsMaterialException.class)
			.isThrownBy(() -> new OpenSslServerSupport(25, WITHOUT_FFM, List.of(lib)))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("tomcat-coyote-ffm.jar")
				.contains("org.apache.tomcat:tomcat:<version>:tar.gz")
				.contains("OpenSSL on Java 22+")
				.doesNotContain("Java 22 or later")
				.doesNotContain("libssl"));
	}

	@Test
	void refusesWithoutLibssl() {
		assertThatExceptionOfType(MtlsMaterialException.class)
			.isThrownBy(() -> new OpenSslServerSupport(25, getClass().getClassLoader(), List.of(this.directory)))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("libssl.so.3"));
	}

	@Test
	void refusesWithoutTheLibraryNameTomcatOpens() throws Exception {
		Files.createFile(this.directory.resolve("libssl.so.3"));
		assertThatExceptionOfType(MtlsMaterialException.class).isThrownBy(
				() -> new OpenSslServerSupport(25, getClass().getClassLoader(), List.of(this.directory), "libssl.so"))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("libssl.so, the name under which Tomcat")
				.contains("libssl-dev")
				.doesNotContain("libssl3"));
	}

	@Test
	void applicationAskingForOpenSslWithoutItDoesNotStart(@TempDir Path pkiDirectory) {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class))
			.withPropertyValues(new TestPki(pkiDirectory).pemServerProperties())
			.withPropertyValues("mtls.server.ssl-implementation=openssl")
			.withClassLoader(WITHOUT_FFM)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(MtlsMaterialException.class)
				.hasMessageContaining("tomcat-coyote-ffm"));
	}

	@Test
	void jsseIsTheDefaultAndNeedsNothing(@TempDir Path pkiDirectory) {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class))
			.withPropertyValues(new TestPki(pkiDirectory).pemServerProperties())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(OpenSslServerSupport.class));
	}

	private Path withLibssl() throws Exception {
		Files.createFile(this.directory.resolve("libssl.so.3"));
		Files.createFile(this.directory.resolve(System.mapLibraryName("ssl")));
		return this.directory;
	}

}
