package dev.mtls.boot.reload;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The content of material files at one moment: the SHA-256 of each file, read through
 * symbolic links (a Kubernetes Secret mount swaps its {@code ..data} link, the file names
 * stay), and for a directory of trusted certificates the set of its certificate files and
 * their digests. Two snapshots are equal when the material is unchanged.
 */
final class MaterialSnapshot {

	private static final List<String> CERTIFICATE_FILE_SUFFIXES = List.of(".pem", ".crt", ".cer");

	private final Map<Path, String> digests;

	private MaterialSnapshot(Map<Path, String> digests) {
		this.digests = digests;
	}

	static MaterialSnapshot of(List<Path> paths) {
		Map<Path, String> digests = new LinkedHashMap<>();
		for (Path path : paths) {
			if (Files.isDirectory(path)) {
				Set<Path> files = certificateFiles(path);
				digests.put(path, (files != null) ? "directory" : "unreadable directory");
				if (files != null) {
					files.forEach((file) -> digests.put(file, digest(file)));
				}
			}
			else {
				digests.put(path, digest(path));
			}
		}
		return new MaterialSnapshot(digests);
	}

	/**
	 * Return the directories whose entries tell that the material may have changed: the
	 * directory holding each file (where a {@code ..data} link is swapped or a file
	 * replaced), the directory the file's links lead to, and each configured directory.
	 * @param paths the configured paths
	 * @return the directories that exist
	 */
	static Set<Path> directoriesToWatch(List<Path> paths) {
		Set<Path> directories = new LinkedHashSet<>();
		for (Path path : paths) {
			if (Files.isDirectory(path)) {
				directories.add(path);
			}
			addIfDirectory(directories, path.getParent());
			try {
				addIfDirectory(directories, path.toRealPath().getParent());
			}
			catch (IOException ex) {
				// Missing for now: the parent directory reports its creation.
			}
		}
		return directories;
	}

	private static void addIfDirectory(Set<Path> directories, @Nullable Path directory) {
		if (directory != null && Files.isDirectory(directory)) {
			directories.add(directory);
		}
	}

	private static @Nullable Set<Path> certificateFiles(Path directory) {
		Set<Path> files = new TreeSet<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString().toLowerCase(Locale.ROOT);
				if (Files.isRegularFile(entry) && CERTIFICATE_FILE_SUFFIXES.stream().anyMatch(name::endsWith)) {
					files.add(entry);
				}
			}
		}
		catch (IOException ex) {
			return null;
		}
		return files;
	}

	private static String digest(Path file) {
		try {
			byte[] content = Files.readAllBytes(file);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (IOException ex) {
			return "unreadable: " + ex.getClass().getSimpleName();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return (obj instanceof MaterialSnapshot other) && this.digests.equals(other.digests);
	}

	@Override
	public int hashCode() {
		return this.digests.hashCode();
	}

	@Override
	public String toString() {
		return this.digests.toString();
	}

}
