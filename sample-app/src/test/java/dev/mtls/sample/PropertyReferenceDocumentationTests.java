package dev.mtls.sample;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.Conventions;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property of the starter's configuration metadata is described in the metadata
 * (the IDE shows it), has the default its field holds in code, and is documented in
 * README.md or a page under docs/. The metadata read is the file that
 * {@code spring-boot-configuration-processor} generated when the auto-configuration was
 * compiled ({@code META-INF/spring-configuration-metadata.json} on the classpath).
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
	void everyPropertyWithAValueInCodeHasThatDefaultInTheMetadata() throws Exception {
		List<String> missing = new ArrayList<>();
		List<String> different = new ArrayList<>();
		for (Map.Entry<String, Map<String, Object>> entry : properties.entrySet()) {
			String name = entry.getKey();
			if (!name.startsWith("mtls.")) {
				continue;
			}
			Object value = valueInCode(name, (String) entry.getValue().get("sourceType"));
			if (value == null || (value instanceof Collection<?> values && values.isEmpty())
					|| (value instanceof Map<?, ?> map && map.isEmpty())) {
				continue;
			}
			Object defaultValue = entry.getValue().get("defaultValue");
			if (defaultValue == null) {
				missing.add(name + " (" + value + ")");
			}
			else if (!sameValue(value, defaultValue)) {
				different.add(name + " (code: " + value + ", metadata: " + defaultValue + ")");
			}
		}
		assertThat(missing)
			.as("properties whose field has a value but the metadata no defaultValue (the processor "
					+ "cannot read every initializer: add it to additional-spring-configuration-metadata.json)")
			.isEmpty();
		assertThat(different).as("properties whose metadata defaultValue differs from the field's value").isEmpty();
	}

	/**
	 * The value of the property's field in a new instance of the class that declares it.
	 */
	private static Object valueInCode(String name, String sourceType) throws Exception {
		Class<?> type = ClassUtils.forName(sourceType, PropertyReferenceDocumentationTests.class.getClassLoader());
		String key = name.substring(name.lastIndexOf('.') + 1);
		Field field = ReflectionUtils.findField(type, Conventions.attributeNameToPropertyName(key));
		assertThat(field).as("field of " + name + " in " + sourceType).isNotNull();
		ReflectionUtils.makeAccessible(field);
		return field.get(ReflectionUtils.accessibleConstructor(type).newInstance());
	}

	/**
	 * Whether a metadata default states the field's value. Only values whose text is
	 * their configuration form are compared (text, numbers, booleans, lists of them).
	 */
	private static boolean sameValue(Object value, Object defaultValue) {
		if (value instanceof Collection<?> values && defaultValue instanceof List<?> defaults) {
			return values.stream()
				.map(String::valueOf)
				.toList()
				.equals(defaults.stream().map(String::valueOf).toList());
		}
		if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
			return String.valueOf(value).equals(String.valueOf(defaultValue));
		}
		return true;
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
