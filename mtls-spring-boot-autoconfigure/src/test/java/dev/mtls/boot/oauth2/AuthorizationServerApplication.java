package dev.mtls.boot.oauth2;

import java.util.List;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * A real Spring Authorization Server for the tests, served by this starter over mutual
 * TLS ({@code client-auth=want}, certificate authentication of requests left to the
 * authorization server): {@code client-a} and {@code client-a-opaque} authenticate with
 * the certificate {@code CN=service-a} ({@code tls_client_auth}) and get
 * certificate-bound access tokens (JWT and opaque); {@code client-plain} authenticates
 * with a secret and gets unbound tokens; {@code introspector} may introspect.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class AuthorizationServerApplication {

	static final String SERVICE_A_DN = "CN=service-a,O=mtls tests";

	@Bean
	RegisteredClientRepository registeredClientRepository() {
		return new InMemoryRegisteredClientRepository(
				List.of(certificateClient("client-a", OAuth2TokenFormat.SELF_CONTAINED),
						certificateClient("client-a-opaque", OAuth2TokenFormat.REFERENCE), secretClient("client-plain"),
						secretClient("introspector")));
	}

	private static RegisteredClient certificateClient(String clientId, OAuth2TokenFormat format) {
		return RegisteredClient.withId(clientId)
			.clientId(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.TLS_CLIENT_AUTH)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("orders.read")
			.clientSettings(ClientSettings.builder().x509CertificateSubjectDN(SERVICE_A_DN).build())
			.tokenSettings(
					TokenSettings.builder().accessTokenFormat(format).x509CertificateBoundAccessTokens(true).build())
			.build();
	}

	private static RegisteredClient secretClient(String clientId) {
		return RegisteredClient.withId(clientId)
			.clientId(clientId)
			.clientSecret("{noop}secret-of-" + clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("orders.read")
			.build();
	}

}
