package dev.mtls.boot.testing.docker;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * Maps the public image names the tests ask for to the images that
 * {@code .ci/build-test-images.sh} builds from a Debian bookworm root filesystem (public
 * registries are not reachable from the CI machines):
 * <ul>
 * <li>{@code nginx:*} &rarr; {@code local/nginx:bookworm}</li>
 * <li>{@code haproxy:*} &rarr; {@code local/haproxy:bookworm}</li>
 * <li>{@code debian:*} &rarr; {@code local/tools:bookworm} (curl, openssl)</li>
 * <li>{@code redis:*} &rarr; {@code local/redis:bookworm} (Debian's redis-server)</li>
 * </ul>
 * The substitution applies when the environment variable {@code MTLS_LOCAL_IMAGES} is
 * {@code true} (set by {@code .ci/run}), or, when that variable is not set, when the
 * local image exists in the Docker engine. Contributors who can reach Docker Hub and have
 * not built the local images get the official images; setting
 * {@code MTLS_LOCAL_IMAGES=false} forces the official images.
 * <p>
 * Registered in {@code src/test/resources/testcontainers.properties}.
 */
public class LocalImageSubstitutor extends ImageNameSubstitutor {

	/**
	 * Environment variable that forces ({@code true}) or disables ({@code false}) the
	 * substitution.
	 */
	public static final String ENV_VARIABLE = "MTLS_LOCAL_IMAGES";

	static final Map<String, String> LOCAL_IMAGES = Map.of("nginx", "local/nginx:bookworm", "haproxy",
			"local/haproxy:bookworm", "debian", "local/tools:bookworm", "redis", "local/redis:bookworm");

	private static final Set<String> DOCKER_HUB_REGISTRIES = Set.of("", "docker.io", "registry-1.docker.io",
			"registry.hub.docker.com");

	private static final String LIBRARY_PREFIX = "library/";

	private final Function<String, String> environment;

	private final Predicate<String> localImageExists;

	private final Map<String, Boolean> existenceCache = new ConcurrentHashMap<>();

	/** Used by Testcontainers (instantiated reflectively). */
	public LocalImageSubstitutor() {
		this(System::getenv, LocalImageSubstitutor::existsInDockerEngine);
	}

	LocalImageSubstitutor(Function<String, String> environment, Predicate<String> localImageExists) {
		this.environment = environment;
		this.localImageExists = localImageExists;
	}

	@Override
	public DockerImageName apply(DockerImageName original) {
		String local = localImageFor(original);
		if (local == null) {
			return original;
		}
		String setting = this.environment.apply(ENV_VARIABLE);
		boolean substitute;
		if ("true".equalsIgnoreCase(setting)) {
			substitute = true;
		}
		else if ("false".equalsIgnoreCase(setting)) {
			substitute = false;
		}
		else {
			substitute = this.existenceCache.computeIfAbsent(local, this.localImageExists::test);
		}
		return substitute ? DockerImageName.parse(local).asCompatibleSubstituteFor(original) : original;
	}

	@Override
	protected String getDescription() {
		return "mtls local image substitutor (nginx, haproxy, debian, redis -> local/*:bookworm)";
	}

	/**
	 * The local image for a Docker Hub official image this class knows about, else
	 * {@code null}.
	 */
	static String localImageFor(DockerImageName original) {
		if (!DOCKER_HUB_REGISTRIES.contains(original.getRegistry())) {
			return null;
		}
		String repository = original.getRepository();
		if (repository.startsWith(LIBRARY_PREFIX)) {
			repository = repository.substring(LIBRARY_PREFIX.length());
		}
		return LOCAL_IMAGES.get(repository);
	}

	private static boolean existsInDockerEngine(String image) {
		try {
			DockerClientFactory.instance().client().inspectImageCmd(image).exec();
			return true;
		}
		catch (RuntimeException ex) {
			// NotFoundException, or no Docker engine at all: keep the public name
			return false;
		}
	}

}
