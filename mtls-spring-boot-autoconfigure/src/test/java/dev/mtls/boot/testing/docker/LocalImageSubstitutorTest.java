package dev.mtls.boot.testing.docker;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;

/** Unit test of the mapping; needs no Docker engine. */
class LocalImageSubstitutorTest {

	private static LocalImageSubstitutor substitutor(String envValue, boolean localImagesExist) {
		Map<String, String> env = (envValue != null) ? Map.of(LocalImageSubstitutor.ENV_VARIABLE, envValue) : Map.of();
		return new LocalImageSubstitutor(env::get, (image) -> localImagesExist);
	}

	@Test
	void mapsPublicNamesWhenForcedByEnvironment() {
		LocalImageSubstitutor substitutor = substitutor("true", false);
		assertThat(substitutor.apply(DockerImageName.parse("nginx:1.27")).asCanonicalNameString())
			.isEqualTo("local/nginx:bookworm");
		assertThat(substitutor.apply(DockerImageName.parse("haproxy:3.2")).asCanonicalNameString())
			.isEqualTo("local/haproxy:bookworm");
		assertThat(substitutor.apply(DockerImageName.parse("debian:bookworm-slim")).asCanonicalNameString())
			.isEqualTo("local/tools:bookworm");
		assertThat(substitutor.apply(DockerImageName.parse("docker.io/library/nginx:1.27")).asCanonicalNameString())
			.isEqualTo("local/nginx:bookworm");
	}

	@Test
	void substituteIsCompatibleWithOriginal() {
		DockerImageName original = DockerImageName.parse("nginx:1.27");
		assertThat(substitutor("true", false).apply(original).isCompatibleWith(original)).isTrue();
	}

	@Test
	void mapsWhenLocalImageExistsWithoutEnvironment() {
		assertThat(substitutor(null, true).apply(DockerImageName.parse("nginx:1.27")).asCanonicalNameString())
			.isEqualTo("local/nginx:bookworm");
	}

	@Test
	void keepsPublicNameWhenNeitherForcedNorPresent() {
		DockerImageName original = DockerImageName.parse("nginx:1.27");
		assertThat(substitutor(null, false).apply(original)).isSameAs(original);
	}

	@Test
	void explicitFalseKeepsPublicNameEvenWhenLocalImageExists() {
		DockerImageName original = DockerImageName.parse("haproxy:3.2");
		assertThat(substitutor("false", true).apply(original)).isSameAs(original);
	}

	@Test
	void leavesOtherImagesAlone() {
		LocalImageSubstitutor substitutor = substitutor("true", true);
		for (String name : new String[] { "alpine:3.20", "quay.io/nginx/nginx:1.27", "testcontainers/ryuk:0.11.0",
				"bitnami/nginx:1.27" }) {
			DockerImageName original = DockerImageName.parse(name);
			assertThat(substitutor.apply(original)).as(name).isSameAs(original);
		}
	}

}
