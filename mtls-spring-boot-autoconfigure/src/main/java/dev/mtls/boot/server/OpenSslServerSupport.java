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
 * the Java FFM API (Java 22 and later, Tomcat's {@code tomcat-coyote-ffm.jar}, the
 * system's libssl 3) on every connector, the main one and the dedicated
 * {@code mtls.server.port} one. Checked when the application starts: a missing part stops
 * it with a report that names what is missing, never a silent fall-back to JSSE.
 */
final class OpenSslServerSupport implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	static final String PROPERTY = "mtls.server.ssl-implementation";

	static final String FFM_IMPLEMENTATION = "org.apache.tomcat.util.net.openssl.panama.OpenSSLImplementation";

	/**
	 * Tomcat's system property for the name of the library its FFM code opens.
	 */
	static final String LIBRARY_NAME_PROPERTY = "org.apache.tomcat.util.openssl.LIBRARY_NAME";

	private static final List<String> LIBRARY_DIRECTORIES = List.of("/usr/lib/x86_64-linux-gnu",
			"/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
			"/lib64", "/lib", "/usr/local/lib", "/opt/homebrew/lib");

	OpenSslServerSupport(int javaFeatureVersion, @Nullable ClassLoader classLoader, List<Path> libraryDirectories) {
		this(javaFeatureVersion, classLoader, libraryDirectories, System.mapLibraryName("ssl"));
	}

	/**
	 * Check the runtime.
	 * @param javaFeatureVersion the Java version
	 * @param classLoader the application's class loader
	 * @param libraryDirectories where the system keeps its libraries
	 * @param openedLibrary the file name Tomcat's FFM code opens ({@code libssl.so} on
	 * Linux unless {@value #LIBRARY_NAME_PROPERTY} names another)
	 */
	OpenSslServerSupport(int javaFeatureVersion, @Nullable ClassLoader classLoader, List<Path> libraryDirectories,
			String openedLibrary) {
		List<String> missing = new ArrayList<>();
		if (javaFeatureVersion < 22) {
			missing.add("Java 22 or later (running on Java " + javaFeatureVersion + ")");
		}
		if (!ClassUtils.isPresent(FFM_IMPLEMENTATION, classLoader)) {
			missing.add("Tomcat's FFM OpenSSL classes (tomcat-coyote-ffm.jar, same 11.0.x line as "
					+ "tomcat-embed-core: the lib directory of the Tomcat distribution "
					+ "org.apache.tomcat:tomcat:<version>:tar.gz has it; see 'OpenSSL on Java 22+' in the "
					+ "starter's README for the dependency to add)");
		}
		if (!anyHas(libraryDirectories, "libssl.so.3", "libssl.3.dylib")) {
			missing.add("the OpenSSL 3 library libssl.so.3 (Debian/Ubuntu: apt-get install libssl3)");
		}
		else if (!anyHas(libraryDirectories, openedLibrary)) {
			missing.add(openedLibrary + ", the name under which Tomcat opens libssl (Debian/Ubuntu: apt-get "
					+ "install libssl-dev, which links it to libssl.so.3; or set the system property "
					+ LIBRARY_NAME_PROPERTY + ")");
		}
		if (!missing.isEmpty()) {
			throw new MtlsMaterialException(PROPERTY,
					"OpenSSL was asked for, but this runtime lacks " + String.join(", and ", missing) + ".",
					"Provide what is missing, or set " + PROPERTY + "=jsse (the default) to use the JDK's TLS.");
		}
	}

	private static boolean anyHas(List<Path> directories, String... fileNames) {
		for (Path directory : directories) {
			for (String fileName : fileNames) {
				if (Files.exists(directory.resolve(fileName))) {
					return true;
				}
			}
		}
		return false;
	}

	static OpenSslServerSupport forThisRuntime(@Nullable ClassLoader classLoader) {
		Set<Path> directories = new LinkedHashSet<>();
		for (String entry : System.getProperty("java.library.path", "").split(java.io.File.pathSeparator)) {
			if (!entry.isBlank()) {
				directories.add(Path.of(entry));
			}
		}
		LIBRARY_DIRECTORIES.forEach((directory) -> directories.add(Path.of(directory)));
		String library = System.getProperty(LIBRARY_NAME_PROPERTY, isMacOs() ? "ssl.48" : "ssl");
		return new OpenSslServerSupport(Runtime.version().feature(), classLoader, List.copyOf(directories),
				System.mapLibraryName(library));
	}

	private static boolean isMacOs() {
		return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("mac");
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
