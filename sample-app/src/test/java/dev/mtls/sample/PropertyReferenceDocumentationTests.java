package dev.mtls.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property of the starter's configuration metadata is described in the metadata
 * (the IDE shows it) and documented in README.md or a page under docs/.
 * <p>
 * Keys the metadata lists as a whole map or list are looked for in the form the docs use:
 * {@code mtls.clients} as {@code mtls.clients.<name>.}, {@code mtls.auth.roles} as
 * {@code mtls.auth.roles.<principal>}, {@code mtls.auth.paths} as
 * {@code mtls.auth.paths[n].}.
 */
class PropertyReferenceDocumentationTests {

	private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

	private static Map<String, Map<String, Object>> properties;

	private static String documentation;

	@BeforeAll
	static void load() throws IOException {
		properties = starterProperties();
		StringBuilder docs = new StringBuilder(Files.readString(PROJECT.resolve("README.md")));
		Path pages = PROJECT.resolve("docs");
		if (Files.isDirectory(pages)) {
			try (Stream<Path> files = Files.list(pages)) {
				for (Path page : files.filter((file) -> file.toString().endsWith(".md")).sorted().toList()) {
					docs.append('\n').append(Files.readString(page));
				}
			}
		}
		documentation = docs.toString();
	}

	@Test
	void metadataListsTheStarterProperties() {
		assertThat(properties).containsKeys("mtls.enabled", "mtls.server.client-auth", "mtls.clients",
				"mtls.auth.roles", "mtls.auth.paths");
	}

	@Test
	void everyPropertyHasADescription() {
		List<String> undescribed = properties.values()
			.stream()
			.filter((property) -> !(property.get("description") instanceof String description) || description.isBlank())
			.map((property) -> (String) property.get("name"))
			.toList();
		assertThat(undescribed).as("properties without javadoc (it becomes the metadata description)").isEmpty();
	}

	@Test
	void everyPropertyIsDocumented() {
		List<String> undocumented = new ArrayList<>();
		properties.forEach((name, property) -> {
			if (!isDocumented(name, String.valueOf(property.getOrDefault("type", "")))) {
				undocumented.add(name);
			}
		});
		assertThat(undocumented).as("properties missing from README.md and docs/*.md").isEmpty();
	}

	private static boolean isDocumented(String name, String type) {
		String key = Pattern.quote(name);
		if (type.startsWith("java.util.Map<")) {
			// mtls.clients.<name>.base-url, mtls.auth.roles.<principal>
			return Pattern.compile(key + "\\.<[a-z-]+>").matcher(documentation).find();
		}
		if (type.startsWith("java.util.List<dev.mtls.")) {
			// mtls.auth.paths[n].pattern
			return Pattern.compile(key + "\\[n\\]\\.[a-z]").matcher(documentation).find();
		}
		return Pattern.compile("(?<![a-z0-9.-])" + key + "(?![a-z0-9-]|\\.[a-z])").matcher(documentation).find();
	}

	private static Map<String, Map<String, Object>> starterProperties() throws IOException {
		Map<String, Map<String, Object>> properties = new TreeMap<>();
		for (URL url : Collections.list(PropertyReferenceDocumentationTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				List<Map<String, Object>> all = JsonPath.parse(in).read("$.properties[*]");
				for (Map<String, Object> property : all) {
					if (String.valueOf(property.get("sourceType")).startsWith("dev.mtls.boot.")) {
						properties.put((String) property.get("name"), property);
					}
				}
			}
		}
		return properties;
	}

}
