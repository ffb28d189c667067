package dev.mtls.boot.test;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points the application under test at its class's {@link MtlsTestPki}: the
 * {@code mtls.server.*} identity and trust properties and those of every configured
 * outbound client ({@link TestPkiClientProperties}) with the highest precedence, and the
 * PKI as bean {@value #BEAN_NAME}. Runs before any bean is created, so the server and the
 * outbound clients only ever see the test PKI. Contexts are cached per owning class
 * because each class has its own PKI.
 */
final class MtlsTestContextCustomizer implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "mtlsTestPki";

	static final String BEAN_NAME = "mtlsTestPki";

	// DevPkiEnvironmentPostProcessor.PROPERTY_SOURCE_NAME: with @ExtendWith alone (no
	// mtls.dev-pki.enabled=false) the development PKI has already been applied.
	private static final String DEV_PKI_PROPERTY_SOURCE_NAME = "mtlsDevPki";

	private final Class<?> owner;

	MtlsTestContextCustomizer(Class<?> owner) {
		this.owner = owner;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		MtlsTestPki pki = MtlsTestPkiRegistry.pki(this.owner);
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		MtlsTest settings = MtlsTestPkiRegistry.settings(this.owner);
		Map<String, Object> properties = new LinkedHashMap<>();
		if (settings.configureServer()) {
			sources.remove(DEV_PKI_PROPERTY_SOURCE_NAME);
			properties.putAll(pki.serverProperties());
		}
		if (settings.configureClients()) {
			properties.putAll(TestPkiClientProperties.of(pki, context.getEnvironment()));
		}
		if (!properties.isEmpty()) {
			sources.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		}
		context.getBeanFactory().registerSingleton(BEAN_NAME, pki);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other)
				|| (other instanceof MtlsTestContextCustomizer customizer && this.owner == customizer.owner);
	}

	@Override
	public int hashCode() {
		return this.owner.hashCode();
	}

}
