package dev.mtls.boot.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.mtls.boot.pki.MtlsMaterialException;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http11.AbstractHttp11Protocol;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * {@code mtls.server.ssl-implementation=openssl}: Tomcat's OpenSSL implementation through
 * the Java FFM API (Java 22 and later, {@code org.apache.tomcat:tomcat-coyote-ffm}, the
 * system's libssl 3). Checked when the application starts: a missing part stops it with a
 * report that names what is missing, never a silent fall-back to JSSE.
 */
final class OpenSslServerSupport implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	static final String PROPERTY = "mtls.server.ssl-implementation";

	static final String FFM_IMPLEMENTATION = "org.apache.tomcat.util.net.openssl.panama.OpenSSLImplementation";

	private static final List<String> LIBRARY_DIRECTORIES = List.of("/usr/lib/x86_64-linux-gnu",
			"/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
			"/lib64", "/lib", "/usr/local/lib", "/opt/homebrew/lib");

	OpenSslServerSupport(int javaFeatureVersion, @Nullable ClassLoader classLoader, List<Path> libraryDirectories) {
		List<String> missing = new ArrayList<>();
		if (javaFeatureVersion < 22) {
			missing.add("Java 22 or later (running on Java " + javaFeatureVersion + ")");
		}
		if (!ClassUtils.isPresent(FFM_IMPLEMENTATION, classLoader)) {
			missing.add("Tomcat's FFM OpenSSL classes (add org.apache.tomcat:tomcat-coyote-ffm, same version as "
					+ "tomcat-embed-core)");
		}
		if (libraryDirectories.stream()
			.noneMatch((directory) -> Files.exists(directory.resolve("libssl.so.3"))
					|| Files.exists(directory.resolve("libssl.3.dylib")))) {
			missing.add("the OpenSSL 3 library libssl.so.3 (Debian/Ubuntu: apt-get install libssl3)");
		}
		if (!missing.isEmpty()) {
			throw new MtlsMaterialException(PROPERTY,
					"OpenSSL was asked for, but this runtime lacks " + String.join(", and ", missing) + ".",
					"Provide what is missing, or set " + PROPERTY + "=jsse (the default) to use the JDK's TLS.");
		}
	}

	static OpenSslServerSupport forThisRuntime(@Nullable ClassLoader classLoader) {
		Set<Path> directories = new LinkedHashSet<>();
		for (String entry : System.getProperty("java.library.path", "").split(java.io.File.pathSeparator)) {
			if (!entry.isBlank()) {
				directories.add(Path.of(entry));
			}
		}
		LIBRARY_DIRECTORIES.forEach((directory) -> directories.add(Path.of(directory)));
		return new OpenSslServerSupport(Runtime.version().feature(), classLoader, List.copyOf(directories));
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addConnectorCustomizers((connector) -> useOpenSsl(connector.getProtocolHandler()));
	}

	private static void useOpenSsl(ProtocolHandler protocol) {
		if (protocol instanceof AbstractHttp11Protocol<?> http11) {
			http11.setSslImplementationName(FFM_IMPLEMENTATION);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
