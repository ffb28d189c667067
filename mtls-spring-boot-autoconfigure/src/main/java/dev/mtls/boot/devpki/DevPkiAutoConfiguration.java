package dev.mtls.boot.devpki;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the development PKI's startup hint. The PKI itself is generated
 * earlier, by {@link DevPkiEnvironmentPostProcessor}.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "mtls.dev-pki.enabled")
@EnableConfigurationProperties(DevPkiProperties.class)
public final class DevPkiAutoConfiguration {

	@Bean
	DevPkiCurlCommandLogger devPkiCurlCommandLogger(DevPkiProperties properties) {
		return new DevPkiCurlCommandLogger(properties);
	}

}
