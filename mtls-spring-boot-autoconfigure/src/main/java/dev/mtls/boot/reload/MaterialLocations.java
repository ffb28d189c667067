package dev.mtls.boot.reload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mtls.boot.pki.KeyStoreProperties;
import dev.mtls.boot.pki.TrustStoreProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Turns the configured locations of key and trust material into the file-system paths to
 * watch. Locations that are not files ({@code classpath:} inside a jar, URLs) cannot
 * change and are left out.
 */
final class MaterialLocations {

	private final ResourceLoader resourceLoader;

	private final List<Path> paths = new ArrayList<>();

	MaterialLocations(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	MaterialLocations add(KeyStoreProperties keystore) {
		return add(keystore.getLocation()).add(keystore.getCertificate()).add(keystore.getPrivateKey());
	}

	MaterialLocations add(TrustStoreProperties truststore) {
		return add(truststore.getLocation()).add(truststore.getCertificate());
	}

	MaterialLocations add(@Nullable String location) {
		if (location == null || location.isBlank()) {
			return this;
		}
		Resource resource = this.resourceLoader.getResource(location.trim());
		if (!resource.isFile()) {
			return this;
		}
		try {
			Path path = resource.getFile().toPath().toAbsolutePath().normalize();
			if (!this.paths.contains(path)) {
				this.paths.add(path);
			}
		}
		catch (IOException ex) {
			// Not a file after all: nothing to watch.
		}
		return this;
	}

	List<Path> paths() {
		return List.copyOf(this.paths);
	}

}
