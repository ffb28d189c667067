package dev.mtls.boot.auth;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Role keys that contain ':' as the README writes them, read by Spring Boot's own
 * {@code .properties} and YAML loaders.
 */
class RoleKeyBindingTests {

	private static final String SPIFFE_ID = "spiffe://example.org/ns/billing/sa/api";

	@Test
	void escapedColonInPropertiesFileKeepsTheWholeKey() throws Exception {
		MtlsAuthProperties properties = bind(new PropertiesPropertySourceLoader(), """
				mtls.auth.roles[spiffe\\://example.org/ns/billing/sa/api]=ADMIN
				mtls.auth.roles[svc.example.com]=USER
				""");
		assertThat(properties.getRoles()).containsEntry(SPIFFE_ID, List.of("ADMIN"))
			.containsEntry("svc.example.com", List.of("USER"));
	}

	@Test
	void unescapedColonInPropertiesFileBindsToAnotherKey() throws Exception {
		MtlsAuthProperties properties = bind(new PropertiesPropertySourceLoader(), """
				mtls.auth.roles[spiffe://example.org/ns/billing/sa/api]=ADMIN
				""");
		assertThat(properties.getRoles()).doesNotContainKey(SPIFFE_ID);
	}

	@Test
	void quotedBracketKeyInYaml() throws Exception {
		MtlsAuthProperties properties = bind(new YamlPropertySourceLoader(), """
				mtls:
				  auth:
				    roles:
				      "[spiffe://example.org/ns/billing/sa/api]": ADMIN
				      "[svc.example.com]": USER
				""");
		assertThat(properties.getRoles()).containsEntry(SPIFFE_ID, List.of("ADMIN"))
			.containsEntry("svc.example.com", List.of("USER"));
	}

	private static MtlsAuthProperties bind(org.springframework.boot.env.PropertySourceLoader loader, String content)
			throws Exception {
		StandardEnvironment environment = new StandardEnvironment();
		for (PropertySource<?> source : loader.load("test",
				new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)))) {
			environment.getPropertySources().addFirst(source);
		}
		ConfigurationPropertySources.attach(environment);
		return Binder.get(environment).bindOrCreate("mtls.auth", MtlsAuthProperties.class);
	}

}
