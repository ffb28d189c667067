package dev.mtls.boot.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes the test PKI stand in for the outbound clients' material as it does for the
 * server's: every configured client ({@code mtls.client.*} and each
 * {@code mtls.clients.<name>.*}) presents a certificate of the test PKI
 * ({@code CN=<name>}, {@code CN=mtls-test-client} for the default client) and trusts its
 * root CA. Key and trust stores, SSL bundles and pins that exist only in production are
 * blanked, which the starter reads as not set.
 */
final class TestPkiClientProperties {

	private static final ConfigurationPropertyName CLIENT = ConfigurationPropertyName.of("mtls.client");

	private static final ConfigurationPropertyName CLIENTS = ConfigurationPropertyName.of("mtls.clients");

	private static final String DEFAULT_CLIENT_SUBJECT = "mtls-test-client";

	private TestPkiClientProperties() {
	}

	static Map<String, String> of(MtlsTestPki pki, ConfigurableEnvironment environment) {
		boolean defaultClient = false;
		Set<String> names = new TreeSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				for (ConfigurationPropertyName name : (Iterable<ConfigurationPropertyName>) iterable
					.stream()::iterator) {
					if (CLIENT.isAncestorOf(name)) {
						defaultClient = true;
					}
					else if (CLIENTS.isAncestorOf(name) && name.getNumberOfElements() > 3) {
						names.add(name.getElement(2, ConfigurationPropertyName.Form.ORIGINAL));
					}
				}
			}
		}
		Map<String, String> properties = new LinkedHashMap<>();
		if (defaultClient) {
			standIn(properties, "mtls.client", DEFAULT_CLIENT_SUBJECT, pki);
		}
		for (String name : names) {
			standIn(properties, "mtls.clients." + name, name, pki);
		}
		return properties;
	}

	private static void standIn(Map<String, String> properties, String prefix, String name, MtlsTestPki pki) {
		String file = "client-" + name.replaceAll("[^A-Za-z0-9.-]", "_");
		pki.write(file, pki.client("CN=" + name));
		for (String key : new String[] { "location", "password", "type", "key-alias", "key-password",
				"private-key-password" }) {
			properties.put(prefix + ".keystore." + key, "");
		}
		properties.put(prefix + ".keystore.certificate", "file:" + pki.file(file + ".crt"));
		properties.put(prefix + ".keystore.private-key", "file:" + pki.file(file + ".key"));
		for (String key : new String[] { "location", "password", "type" }) {
			properties.put(prefix + ".truststore." + key, "");
		}
		properties.put(prefix + ".truststore.certificate", "file:" + pki.file("ca.crt"));
		properties.put(prefix + ".ssl-bundle", "");
		properties.put(prefix + ".pins", "");
	}

}
