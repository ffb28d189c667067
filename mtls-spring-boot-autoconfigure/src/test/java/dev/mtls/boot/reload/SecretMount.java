package dev.mtls.boot.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory laid out like a Kubernetes Secret volume: each file is a symbolic link
 * {@code name -> ..data/name}, {@code ..data} links to a timestamped directory, and an
 * update writes a new timestamped directory, renames a new link atomically over
 * {@code ..data} and deletes the old directory, as the kubelet's atomic writer does.
 */
final class SecretMount {

	private static final String DATA = "..data";

	private final Path directory;

	private int version;

	SecretMount(Path directory) {
		this.directory = directory;
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Publish a new version of the secret's files.
	 * @param files content by file name
	 */
	synchronized void publish(Map<String, String> files) {
		try {
			Path data = this.directory.resolve("..2026_01_01_00_00_" + (++this.version) + "." + System.nanoTime());
			Files.createDirectory(data);
			for (Map.Entry<String, String> file : files.entrySet()) {
				Files.writeString(data.resolve(file.getKey()), file.getValue());
			}
			Path link = this.directory.resolve(DATA);
			Path previous = Files.isSymbolicLink(link) ? this.directory.resolve(Files.readSymbolicLink(link)) : null;
			Path newLink = this.directory.resolve("..data_tmp");
			Files.deleteIfExists(newLink);
			Files.createSymbolicLink(newLink, data.getFileName());
			Files.move(newLink, link, StandardCopyOption.ATOMIC_MOVE);
			for (String name : files.keySet()) {
				Path file = this.directory.resolve(name);
				if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
					Files.createSymbolicLink(file, Path.of(DATA, name));
				}
			}
			if (previous != null) {
				deleteRecursively(previous);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String location(String name) {
		return "file:" + this.directory.resolve(name);
	}

	private static void deleteRecursively(Path path) throws IOException {
		try (Stream<Path> files = Files.walk(path)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

}
