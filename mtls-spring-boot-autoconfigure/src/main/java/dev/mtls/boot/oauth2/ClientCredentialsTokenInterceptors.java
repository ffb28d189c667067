package dev.mtls.boot.oauth2;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.mtls.boot.client.MtlsClient;
import dev.mtls.boot.client.MtlsClientInterceptorProvider;
import dev.mtls.boot.client.MtlsClientProperties;
import dev.mtls.boot.client.MtlsClients;
import dev.mtls.boot.pki.MtlsMaterialException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.DefaultOAuth2TokenRequestParametersConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Sends OAuth2 {@code client_credentials} access tokens with the requests of the named
 * clients that set {@code mtls.clients.<name>.oauth2-registration}. Tokens come from
 * Spring Security's OAuth2 client
 * ({@link AuthorizedClientServiceOAuth2AuthorizedClientManager} with a
 * {@link ClientCredentialsOAuth2AuthorizedClientProvider}, which reuses a token until a
 * minute before it expires); the token endpoint is called through an HTTP client built by
 * Boot from the mTLS client's SSL bundle, so that the client authenticates with its
 * certificate ({@code tls_client_auth}, {@code self_signed_tls_client_auth}, RFC 8705
 * section 2) and the authorization server can bind the token to that certificate.
 */
final class ClientCredentialsTokenInterceptors implements MtlsClientInterceptorProvider {

	private static final Set<ClientAuthenticationMethod> CERTIFICATE_METHODS = Set
		.of(ClientAuthenticationMethod.TLS_CLIENT_AUTH, ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH);

	private final Map<String, ClientHttpRequestInterceptor> interceptors = new LinkedHashMap<>();

	ClientCredentialsTokenInterceptors(MtlsClientProperties properties, MtlsClients clients,
			@Nullable ClientRegistrationRepository registrations) {
		properties.getClients().forEach((name, named) -> {
			String registrationId = named.getOauth2Registration();
			if (registrationId != null && !registrationId.isBlank()) {
				String property = "mtls.clients." + name + ".oauth2-registration";
				ClientRegistration registration = registration(property, registrationId.trim(), registrations);
				// registration() refused a missing repository
				this.interceptors.put(name,
						interceptor(clients.get(name), registration, Objects.requireNonNull(registrations)));
			}
		});
	}

	@Override
	public @Nullable ClientHttpRequestInterceptor interceptorFor(MtlsClient client) {
		return this.interceptors.get(client.getName());
	}

	private static ClientRegistration registration(String property, String registrationId,
			@Nullable ClientRegistrationRepository registrations) {
		if (registrations == null) {
			throw new MtlsMaterialException(property, "no OAuth2 client registrations are configured",
					"Define spring.security.oauth2.client.registration." + registrationId
							+ ".* (with spring-boot-starter-security-oauth2-client).");
		}
		ClientRegistration registration = registrations.findByRegistrationId(registrationId);
		if (registration == null) {
			throw new MtlsMaterialException(property, "no OAuth2 client registration '" + registrationId + "'",
					"Define spring.security.oauth2.client.registration." + registrationId + ".*, or correct " + property
							+ ".");
		}
		String prefix = "spring.security.oauth2.client.registration." + registrationId;
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(registration.getAuthorizationGrantType())) {
			throw new MtlsMaterialException(property,
					"registration '" + registrationId + "' uses the grant type '"
							+ registration.getAuthorizationGrantType().getValue() + "', not client_credentials",
					"Set " + prefix + ".authorization-grant-type=client_credentials.");
		}
		if (!CERTIFICATE_METHODS.contains(registration.getClientAuthenticationMethod())) {
			throw new MtlsMaterialException(property, "registration '" + registrationId + "' authenticates with '"
					+ registration.getClientAuthenticationMethod().getValue() + "', not with the client's certificate",
					"Set " + prefix
							+ ".client-authentication-method=tls_client_auth (or self_signed_tls_client_auth).");
		}
		return registration;
	}

	private static ClientHttpRequestInterceptor interceptor(MtlsClient client, ClientRegistration registration,
			ClientRegistrationRepository registrations) {
		RestClientClientCredentialsTokenResponseClient tokenClient = new RestClientClientCredentialsTokenResponseClient();
		tokenClient.setRestClient(tokenEndpointClient(client));
		// Spring Security's own parameters (grant_type, client_id, scope; no secret):
		// setting them explicitly admits the certificate methods, which the stock
		// request check limits to secret-based ones.
		tokenClient.setParametersConverter(new DefaultOAuth2TokenRequestParametersConverter<>());
		ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokenClient);
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
		manager.setAuthorizedClientProvider(provider);
		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
		String registrationId = registration.getRegistrationId();
		interceptor.setClientRegistrationIdResolver((request) -> registrationId);
		// The token is the client's, not the incoming caller's: one token per client.
		Authentication owner = new AnonymousAuthenticationToken("mtls-client", "mtls-client:" + client.getName(),
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
		interceptor.setPrincipalResolver((request) -> owner);
		return interceptor;
	}

	/**
	 * The token endpoint client: Spring Security's defaults (form request, token
	 * response, OAuth2 error handling) over an HTTP client with the mTLS client's key and
	 * trust material.
	 */
	private static RestClient tokenEndpointClient(MtlsClient client) {
		HttpClientSettings settings = HttpClientSettings.ofSslBundle(client.getSslBundle())
			.withTimeouts(client.getConnectTimeout(), client.getReadTimeout());
		return RestClient.builder()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
			.configureMessageConverters((converters) -> {
				converters.addCustomConverter(new FormHttpMessageConverter());
				converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
			})
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
	}

}
