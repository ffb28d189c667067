package dev.mtls.boot.pki;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * A configured location read as bytes, with failures reported against the property that
 * named it.
 */
final class MaterialResource {

	private static final List<String> CERTIFICATE_FILE_SUFFIXES = List.of(".pem", ".crt", ".cer");

	private final String property;

	private final String location;

	private final Resource resource;

	private MaterialResource(String property, String location, Resource resource) {
		this.property = property;
		this.location = location;
		this.resource = resource;
	}

	static MaterialResource of(ResourceLoader resourceLoader, String property, String location) {
		Resource resource = resourceLoader.getResource(location.trim());
		if (!resource.exists()) {
			throw new MtlsMaterialException(property, "location '" + location + "' does not exist",
					"Point " + property + " to an existing file. Locations take Spring resource syntax: "
							+ "'file:/path/to/file' or 'classpath:path/in/jar'; a bare path is relative to the "
							+ "working directory.");
		}
		return new MaterialResource(property, location, resource);
	}

	/**
	 * Return one file of a directory location, reported under the same property.
	 */
	MaterialResource file(Path file) {
		return new MaterialResource(this.property, "file:" + file, new FileSystemResource(file));
	}

	String property() {
		return this.property;
	}

	String location() {
		return this.location;
	}

	byte[] read() {
		try (InputStream in = this.resource.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new MtlsMaterialException(this.property,
					"location '" + this.location + "' cannot be read (" + ex.getMessage() + ")",
					"Check that the file is readable by the application's user.", ex);
		}
	}

	/**
	 * Return the certificate files of a directory location, sorted by name, or
	 * {@code null} when the location is not a directory.
	 */
	@Nullable List<Path> certificateFilesIfDirectory() {
		File file = fileOrNull();
		if (file == null || !file.isDirectory()) {
			return null;
		}
		try (Stream<Path> files = Files.list(file.toPath())) {
			return files.filter(Files::isRegularFile)
				.filter((path) -> CERTIFICATE_FILE_SUFFIXES.stream()
					.anyMatch((suffix) -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix)))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new MtlsMaterialException(this.property,
					"directory '" + this.location + "' cannot be listed (" + ex.getMessage() + ")",
					"Check that the directory is readable by the application's user.", ex);
		}
	}

	private @Nullable File fileOrNull() {
		if (!this.resource.isFile()) {
			return null;
		}
		try {
			return this.resource.getFile();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
