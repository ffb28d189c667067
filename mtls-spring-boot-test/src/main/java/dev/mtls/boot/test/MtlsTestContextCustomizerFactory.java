package dev.mtls.boot.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Adds a {@link MtlsTestContextCustomizer} to the application context of every test class
 * that uses {@link MtlsTest} or {@link MtlsTestExtension}. Registered in
 * {@code META-INF/spring.factories}.
 */
class MtlsTestContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		Class<?> owner = MtlsTestPkiRegistry.owner(testClass);
		return (owner != null) ? new MtlsTestContextCustomizer(owner) : null;
	}

}
