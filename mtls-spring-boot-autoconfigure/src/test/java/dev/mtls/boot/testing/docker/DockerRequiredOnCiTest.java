package dev.mtls.boot.testing.docker;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container tests are annotated {@code @Testcontainers(disabledWithoutDocker = true)}
 * so that they are skipped on a laptop without Docker. On CI that would hide a broken
 * engine behind a green build, so there ({@code CI=true}) a missing engine fails here.
 */
class DockerRequiredOnCiTest {

	private static final String HOW_TO_START = """
			CI=true but Testcontainers cannot reach a Docker engine, so every container test would be skipped.
			Start one the way .ci/run does (as root):
			  apt-get install -y --no-install-recommends docker.io debootstrap
			  dockerd --bridge=none --iptables=false --ip6tables=false > /tmp/dockerd.log 2>&1 &
			  docker info    # must answer
			  .ci/build-test-images.sh && export MTLS_LOCAL_IMAGES=true
			Surefire must pass TESTCONTAINERS_HOST_OVERRIDE=localhost and TESTCONTAINERS_RYUK_DISABLED=true
			(see the parent pom and shared/docker/README.md).""";

	@Test
	void dockerEngineIsAvailableOnCi() {
		Assumptions.assumeTrue("true".equalsIgnoreCase(System.getenv("CI")),
				"not on CI (CI is not 'true'): a missing Docker engine only skips the container tests");
		assertThat(DockerClientFactory.instance().isDockerAvailable()).as(HOW_TO_START).isTrue();
	}

}
