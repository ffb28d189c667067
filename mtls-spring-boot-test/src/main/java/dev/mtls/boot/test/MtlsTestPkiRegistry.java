package dev.mtls.boot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/**
 * The one PKI of each test class, shared by the Spring context customizer (which needs it
 * before the context starts) and the JUnit extension (which resolves it as a parameter),
 * whichever asks first. Directories are deleted when the JVM exits, after cached
 * application contexts that may still read them have closed.
 */
final class MtlsTestPkiRegistry {

	private static final Map<Class<?>, MtlsTestPki> PKIS = new ConcurrentHashMap<>();

	private static final Map<Path, Boolean> DIRECTORIES = new ConcurrentHashMap<>();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(MtlsTestPkiRegistry::deleteDirectories, "mtls-test-pki-cleanup"));
	}

	private MtlsTestPkiRegistry() {
	}

	/**
	 * Return the class whose PKI {@code testClass} uses: itself, or for a {@code @Nested}
	 * class the enclosing class, that is annotated with {@link MtlsTest} or extended with
	 * {@link MtlsTestExtension}.
	 * @param testClass the test class
	 * @return the owning class, or {@code null} when none uses the module
	 */
	static @Nullable Class<?> owner(Class<?> testClass) {
		for (Class<?> candidate = testClass; candidate != null; candidate = candidate.getEnclosingClass()) {
			if (usesModule(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	static MtlsTestPki pki(Class<?> owner) {
		return PKIS.computeIfAbsent(owner, MtlsTestPkiRegistry::create);
	}

	static MtlsTest settings(Class<?> owner) {
		MergedAnnotation<MtlsTest> annotation = MergedAnnotations.from(owner, SearchStrategy.TYPE_HIERARCHY)
			.get(MtlsTest.class);
		return annotation.isPresent() ? annotation.synthesize() : Defaults.class.getAnnotation(MtlsTest.class);
	}

	private static boolean usesModule(Class<?> candidate) {
		MergedAnnotations annotations = MergedAnnotations.from(candidate, SearchStrategy.TYPE_HIERARCHY);
		return annotations.isPresent(MtlsTest.class) || annotations.stream(ExtendWith.class)
			.anyMatch(
					(extendWith) -> Arrays.asList(extendWith.getClassArray("value")).contains(MtlsTestExtension.class));
	}

	private static MtlsTestPki create(Class<?> owner) {
		try {
			Path directory = Files.createTempDirectory("mtls-test-pki-" + owner.getSimpleName() + "-");
			DIRECTORIES.put(directory, Boolean.TRUE);
			return MtlsTestPki.from(settings(owner), directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unable to create a directory for the test PKI of " + owner.getName(), ex);
		}
	}

	private static void deleteDirectories() {
		for (Path directory : DIRECTORIES.keySet()) {
			try (Stream<Path> files = Files.walk(directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException | UncheckedIOException ex) {
				// Best effort: the directory is in the system's temporary directory.
			}
		}
	}

	@MtlsTest
	private static final class Defaults {

	}

}
