package dev.mtls.boot.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * X.509 client certificate authentication and authorization.
 */
@ConfigurationProperties("mtls.auth")
public class MtlsAuthProperties {

	/**
	 * Whether to authenticate requests with their client certificate through Spring
	 * Security.
	 */
	private boolean enabled = true;

	/**
	 * What of the certificate becomes the principal name: 'cn', 'dn' (RFC 4514),
	 * 'san-dns', 'san-uri', 'san-email', 'email' (SAN email, else the emailAddress
	 * attribute), 'spiffe-id', 'fingerprint' (SHA-256 hex), 'serial' (hex), or
	 * 'attribute:<name or OID>' such as 'attribute:UID'. The value must occur exactly
	 * once.
	 */
	private String principal = "cn";

	/**
	 * Roles every accepted certificate gets.
	 */
	private List<String> defaultRoles = new ArrayList<>();

	/**
	 * Roles per principal name, e.g. 'mtls.auth.roles.admin-client=ADMIN,AUDITOR'. Use
	 * bracket notation for names with special characters: 'mtls.auth.roles[a.b]=X'.
	 */
	private Map<String, List<String>> roles = new LinkedHashMap<>();

	/**
	 * Location of a properties file mapping principal names to roles
	 * ('principal=ROLE1,ROLE2'), for many clients or for names that cannot be property
	 * keys such as full DNs.
	 */
	private @Nullable String rolesFile;

	/**
	 * Subject DN attributes (names such as 'OU' or OIDs) whose values become roles, used
	 * exactly as they appear.
	 */
	private List<String> roleAttribute = new ArrayList<>();

	/**
	 * OID of a certificate extension whose UTF8String, or SEQUENCE OF UTF8String, values
	 * become roles.
	 */
	private @Nullable String roleExtensionOid;

	/**
	 * SHA-256 fingerprints of the only leaf certificates accepted. Any case, colons
	 * optional. Empty accepts every certificate the trust store accepts.
	 */
	private List<String> allowedFingerprints = new ArrayList<>();

	/**
	 * Per-path policies, first match wins: whether a client certificate is required,
	 * which roles and which certificates may call.
	 */
	private List<PathPolicy> paths = new ArrayList<>();

	/**
	 * Whether requests need an OAuth2 bearer token besides their client certificate:
	 * 'none' (the certificate alone), 'required' (a valid token; the principal is its
	 * subject) or 'certificate-bound' (a token whose 'cnf' claim binds it to the
	 * presented certificate, RFC 8705). Applies where no path policy sets its own. Needs
	 * Spring Security's OAuth2 resource server.
	 */
	private BearerTokenRequirement bearerToken = BearerTokenRequirement.NONE;

	/**
	 * Whether to refuse certificates whose extended key usage extension lacks clientAuth.
	 * CA certificates and certificates whose key usage forbids digitalSignature are
	 * always refused as client identities.
	 */
	private boolean requireClientAuthEku = true;

	/**
	 * Whether attributes inside a multi-valued RDN ('CN=eve+OU=admins') count for the
	 * principal and roles. Off because enrollment CAs often vet only the CN.
	 */
	private boolean allowMultiValuedRdn;

	/**
	 * Minimum RSA key size, in bits, of the client certificate chain.
	 */
	private int minRsaKeySize = 2048;

	/**
	 * Minimum EC key size, in bits, of the client certificate chain.
	 */
	private int minEcKeySize = 256;

	/**
	 * Digest algorithms refused in signatures of the client certificate chain (the trust
	 * anchor's self-signature is not checked).
	 */
	private List<String> forbiddenSignatureDigests = new ArrayList<>(List.of("MD2", "MD5", "SHA1"));

	/**
	 * Maximum number of certificates the client may present in its chain.
	 */
	private int maxChainLength = 5;

	/**
	 * Maximum number of certificates whose principal and roles are kept, keyed by
	 * fingerprint.
	 */
	private int cacheSize = 10_000;

	/**
	 * Cross-origin protection of unsafe requests from browsers.
	 */
	private final CrossOrigin crossOrigin = new CrossOrigin();

	/**
	 * Roles (any of them) a certificate needs for Actuator endpoints other than health on
	 * the starter's default filter chain. Empty lets every accepted certificate read
	 * them.
	 */
	private List<String> actuatorRoles = new ArrayList<>(List.of("ACTUATOR"));

	/**
	 * SPIFFE trust domains (such as 'prod.example.org') whose IDs are accepted as
	 * principals with 'principal=spiffe-id'; an ID of another trust domain is refused.
	 * Empty accepts every trust domain the trust store vouches for.
	 */
	private List<String> spiffeTrustDomains = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPrincipal() {
		return this.principal;
	}

	public void setPrincipal(String principal) {
		this.principal = principal;
	}

	public List<String> getDefaultRoles() {
		return this.defaultRoles;
	}

	public void setDefaultRoles(List<String> defaultRoles) {
		this.defaultRoles = defaultRoles;
	}

	public Map<String, List<String>> getRoles() {
		return this.roles;
	}

	public void setRoles(Map<String, List<String>> roles) {
		this.roles = roles;
	}

	public @Nullable String getRolesFile() {
		return this.rolesFile;
	}

	public void setRolesFile(@Nullable String rolesFile) {
		this.rolesFile = rolesFile;
	}

	public List<String> getRoleAttribute() {
		return this.roleAttribute;
	}

	public void setRoleAttribute(List<String> roleAttribute) {
		this.roleAttribute = roleAttribute;
	}

	public @Nullable String getRoleExtensionOid() {
		return this.roleExtensionOid;
	}

	public void setRoleExtensionOid(@Nullable String roleExtensionOid) {
		this.roleExtensionOid = roleExtensionOid;
	}

	public List<String> getAllowedFingerprints() {
		return this.allowedFingerprints;
	}

	public void setAllowedFingerprints(List<String> allowedFingerprints) {
		this.allowedFingerprints = allowedFingerprints;
	}

	public List<PathPolicy> getPaths() {
		return this.paths;
	}

	public void setPaths(List<PathPolicy> paths) {
		this.paths = paths;
	}

	public BearerTokenRequirement getBearerToken() {
		return this.bearerToken;
	}

	public void setBearerToken(BearerTokenRequirement bearerToken) {
		this.bearerToken = bearerToken;
	}

	public boolean isRequireClientAuthEku() {
		return this.requireClientAuthEku;
	}

	public void setRequireClientAuthEku(boolean requireClientAuthEku) {
		this.requireClientAuthEku = requireClientAuthEku;
	}

	public boolean isAllowMultiValuedRdn() {
		return this.allowMultiValuedRdn;
	}

	public void setAllowMultiValuedRdn(boolean allowMultiValuedRdn) {
		this.allowMultiValuedRdn = allowMultiValuedRdn;
	}

	public int getMinRsaKeySize() {
		return this.minRsaKeySize;
	}

	public void setMinRsaKeySize(int minRsaKeySize) {
		this.minRsaKeySize = minRsaKeySize;
	}

	public int getMinEcKeySize() {
		return this.minEcKeySize;
	}

	public void setMinEcKeySize(int minEcKeySize) {
		this.minEcKeySize = minEcKeySize;
	}

	public List<String> getForbiddenSignatureDigests() {
		return this.forbiddenSignatureDigests;
	}

	public void setForbiddenSignatureDigests(List<String> forbiddenSignatureDigests) {
		this.forbiddenSignatureDigests = forbiddenSignatureDigests;
	}

	public int getMaxChainLength() {
		return this.maxChainLength;
	}

	public void setMaxChainLength(int maxChainLength) {
		this.maxChainLength = maxChainLength;
	}

	public List<String> getActuatorRoles() {
		return this.actuatorRoles;
	}

	public void setActuatorRoles(List<String> actuatorRoles) {
		this.actuatorRoles = actuatorRoles;
	}

	public List<String> getSpiffeTrustDomains() {
		return this.spiffeTrustDomains;
	}

	public void setSpiffeTrustDomains(List<String> spiffeTrustDomains) {
		this.spiffeTrustDomains = spiffeTrustDomains;
	}

	public int getCacheSize() {
		return this.cacheSize;
	}

	public void setCacheSize(int cacheSize) {
		this.cacheSize = cacheSize;
	}

	public CrossOrigin getCrossOrigin() {
		return this.crossOrigin;
	}

	/**
	 * Policy for the requests whose path matches a pattern.
	 */
	public static class PathPolicy {

		/**
		 * Path pattern, e.g. '/api/admin/**', matched on the normalised request path.
		 */
		private @Nullable String pattern;

		/**
		 * Whether a valid client certificate is required. When false (with
		 * 'mtls.server.client-auth=want'), requests without a certificate pass, and
		 * requests with a refused certificate still fail.
		 */
		private boolean required = true;

		/**
		 * Roles of which the certificate must have at least one.
		 */
		private List<String> roles = new ArrayList<>();

		/**
		 * SHA-256 fingerprints of the only certificates that may call these paths.
		 */
		private List<String> allowedFingerprints = new ArrayList<>();

		/**
		 * Whether these paths need an OAuth2 bearer token: 'none', 'required' or
		 * 'certificate-bound' (see 'mtls.auth.bearer-token', which applies when not set).
		 * With 'required=false' and a token required, the token alone authenticates.
		 */
		private @Nullable BearerTokenRequirement bearerToken;

		public @Nullable String getPattern() {
			return this.pattern;
		}

		public void setPattern(@Nullable String pattern) {
			this.pattern = pattern;
		}

		public boolean isRequired() {
			return this.required;
		}

		public void setRequired(boolean required) {
			this.required = required;
		}

		public List<String> getRoles() {
			return this.roles;
		}

		public void setRoles(List<String> roles) {
			this.roles = roles;
		}

		public List<String> getAllowedFingerprints() {
			return this.allowedFingerprints;
		}

		public void setAllowedFingerprints(List<String> allowedFingerprints) {
			this.allowedFingerprints = allowedFingerprints;
		}

		public @Nullable BearerTokenRequirement getBearerToken() {
			return this.bearerToken;
		}

		public void setBearerToken(@Nullable BearerTokenRequirement bearerToken) {
			this.bearerToken = bearerToken;
		}

	}

	/**
	 * Cross-origin protection: replaces Spring Security's session-token CSRF protection,
	 * which API clients cannot satisfy, with a check of the headers browsers send.
	 */
	public static class CrossOrigin {

		/**
		 * Whether to refuse unsafe cross-origin requests from browsers (by
		 * Sec-Fetch-Site, else Origin) in every filter chain, in place of Spring
		 * Security's session-token CSRF protection. When false, the starter leaves CSRF
		 * protection as Spring Security configures it (session tokens, on by default).
		 */
		private boolean enabled = true;

		/**
		 * Origins, such as 'https://app.example.com', whose browser requests may change
		 * state.
		 */
		private List<String> trustedOrigins = new ArrayList<>();

		/**
		 * Whether requests from other origins of the same site ('Sec-Fetch-Site:
		 * same-site', e.g. from a sibling subdomain) may change state.
		 */
		private boolean allowSameSite;

		/**
		 * Path patterns exempt from cross-origin protection, e.g. '/webhooks/**', matched
		 * on the decoded path within the application.
		 */
		private List<String> exemptPaths = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getTrustedOrigins() {
			return this.trustedOrigins;
		}

		public void setTrustedOrigins(List<String> trustedOrigins) {
			this.trustedOrigins = trustedOrigins;
		}

		public boolean isAllowSameSite() {
			return this.allowSameSite;
		}

		public void setAllowSameSite(boolean allowSameSite) {
			this.allowSameSite = allowSameSite;
		}

		public List<String> getExemptPaths() {
			return this.exemptPaths;
		}

		public void setExemptPaths(List<String> exemptPaths) {
			this.exemptPaths = exemptPaths;
		}

	}

}
