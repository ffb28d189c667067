package dev.mtls.boot.oauth2;

import dev.mtls.boot.auth.MtlsSecurityConfigurer;
import dev.mtls.boot.pki.MtlsMaterialException;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationConverter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.util.ClassUtils;

/**
 * Adds bearer tokens to a filter chain that authenticates with certificates: Spring
 * Security's OAuth2 resource server (JWT with a {@code JwtDecoder} bean, else opaque
 * tokens with an {@code OpaqueTokenIntrospector} bean, as Boot defines them from
 * {@code spring.security.oauth2.resourceserver.*}) reading tokens only on paths that need
 * one, keeping the certificate principal in the token authentication's details, and the
 * per-path token requirement. Leaves a chain alone that opted out of certificate
 * authentication ({@link MtlsSecurityConfigurer#optOut(HttpSecurity)}); an application
 * that configures {@code oauth2ResourceServer()} itself keeps its token format.
 */
public final class MtlsBearerTokenConfigurer extends AbstractHttpConfigurer<MtlsBearerTokenConfigurer, HttpSecurity> {

	private static final String JWT_DECODER = "org.springframework.security.oauth2.jwt.JwtDecoder";

	private final BearerTokenPaths paths;

	private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();

	private boolean applied;

	MtlsBearerTokenConfigurer(BearerTokenPaths paths) {
		this.paths = paths;
	}

	@Override
	public void init(HttpSecurity http) {
		if (http.getConfigurer(MtlsSecurityConfigurer.class) == null) {
			return;
		}
		this.applied = true;
		SecurityContextHolderStrategy contexts = contexts(http);
		BearerTokenAuthenticationConverter converter = new BearerTokenAuthenticationConverter();
		converter.setBearerTokenResolver(new PathBearerTokenResolver(this.paths));
		// Runs before the token is authenticated: the context still holds the
		// certificate authentication.
		converter.setAuthenticationDetailsSource((request) -> CertificateAndTokenDetails.of(request, contexts));
		boolean formatChosenByApplication = isResourceServerConfigured(http);
		http.oauth2ResourceServer((resourceServer) -> {
			resourceServer.authenticationConverter(converter).authenticationEntryPoint(this.entryPoint);
			if (!formatChosenByApplication) {
				chooseTokenFormat(resourceServer, http.getSharedObject(ApplicationContext.class));
			}
		});
	}

	@Override
	public void configure(HttpSecurity http) {
		if (this.applied) {
			http.addFilterBefore(new BearerTokenPolicyFilter(this.paths, this.entryPoint, contexts(http)),
					AuthorizationFilter.class);
		}
	}

	private static void chooseTokenFormat(OAuth2ResourceServerConfigurer<HttpSecurity> resourceServer,
			ApplicationContext context) {
		if (ClassUtils.isPresent(JWT_DECODER, MtlsBearerTokenConfigurer.class.getClassLoader())
				&& context.getBeanNamesForType(org.springframework.security.oauth2.jwt.JwtDecoder.class).length > 0) {
			resourceServer.jwt(Customizer.withDefaults());
		}
		else if (context.getBeanNamesForType(OpaqueTokenIntrospector.class).length > 0) {
			resourceServer.opaqueToken(Customizer.withDefaults());
		}
		else {
			throw new MtlsMaterialException("mtls.auth.bearer-token",
					"bearer tokens are required but there is nothing to check them with (no JwtDecoder or "
							+ "OpaqueTokenIntrospector bean)",
					"Set spring.security.oauth2.resourceserver.jwt.jwk-set-uri (or .issuer-uri) for JWTs, or "
							+ "spring.security.oauth2.resourceserver.opaquetoken.introspection-uri with its client-id "
							+ "and client-secret for opaque tokens.");
		}
	}

	@SuppressWarnings("unchecked") // the configurer's type parameter is erased
	private static boolean isResourceServerConfigured(HttpSecurity http) {
		return http.getConfigurer(OAuth2ResourceServerConfigurer.class) != null;
	}

	private static SecurityContextHolderStrategy contexts(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		return (context != null)
				? context.getBeanProvider(SecurityContextHolderStrategy.class)
					.getIfUnique(SecurityContextHolder::getContextHolderStrategy)
				: SecurityContextHolder.getContextHolderStrategy();
	}

}
