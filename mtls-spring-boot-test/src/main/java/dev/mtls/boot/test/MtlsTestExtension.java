package dev.mtls.boot.test;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * JUnit Jupiter extension behind {@link MtlsTest}: issues the test class's
 * {@link MtlsTestPki} before any test runs and resolves {@link MtlsTestPki} and
 * {@link MtlsTestServer} parameters. The PKI is the one the application context was
 * configured with.
 */
public class MtlsTestExtension implements BeforeAllCallback, ParameterResolver {

	@Override
	public void beforeAll(ExtensionContext context) {
		pki(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == MtlsTestPki.class || type == MtlsTestServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		MtlsTestPki pki = pki(extensionContext);
		if (parameterContext.getParameter().getType() == MtlsTestPki.class) {
			return pki;
		}
		ApplicationContext applicationContext;
		try {
			applicationContext = SpringExtension.getApplicationContext(extensionContext);
		}
		catch (RuntimeException ex) {
			throw new ParameterResolutionException(
					"An MtlsTestServer parameter needs a running application: annotate the test class with "
							+ "@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)",
					ex);
		}
		return MtlsTestServer.of(pki, applicationContext.getEnvironment());
	}

	private static MtlsTestPki pki(ExtensionContext context) {
		Class<?> testClass = context.getRequiredTestClass();
		Class<?> owner = MtlsTestPkiRegistry.owner(testClass);
		return MtlsTestPkiRegistry.pki((owner != null) ? owner : testClass);
	}

}
