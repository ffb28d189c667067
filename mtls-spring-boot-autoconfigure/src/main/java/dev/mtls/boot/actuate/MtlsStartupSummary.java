package dev.mtls.boot.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.mtls.boot.actuate.MtlsLifecycleRecorder.ReloadState;
import dev.mtls.boot.actuate.MtlsLifecycleRecorder.RevocationState;
import dev.mtls.boot.actuate.MtlsMaterialInspector.BundleMaterial;
import dev.mtls.boot.auth.CertificateRoleMapper;
import dev.mtls.boot.auth.MtlsAuthProperties;
import dev.mtls.boot.server.MtlsServerProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Logs one INFO line when the application is ready, summarising the mutual TLS setup:
 * ports, client-auth, number of trust anchors, principal source, role mappings, proxy
 * mode, revocation mode and reload. Names and counts only, never secrets.
 */
public class MtlsStartupSummary implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(MtlsStartupSummary.class);

	private final Environment environment;

	private final MtlsMaterialInspector inspector;

	private final @Nullable MtlsServerProperties serverProperties;

	private final @Nullable MtlsAuthProperties authProperties;

	private final MtlsLifecycleRecorder lifecycle;

	MtlsStartupSummary(Environment environment, MtlsMaterialInspector inspector,
			@Nullable MtlsServerProperties serverProperties, @Nullable MtlsAuthProperties authProperties,
			MtlsLifecycleRecorder lifecycle) {
		this.environment = environment;
		this.inspector = inspector;
		this.serverProperties = serverProperties;
		this.authProperties = authProperties;
		this.lifecycle = lifecycle;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (logger.isInfoEnabled()) {
			int customMappers = (int) event.getApplicationContext()
				.getBeanProvider(CertificateRoleMapper.class)
				.stream()
				.filter((mapper) -> !mapper.getClass().getSimpleName().equals("PropertiesCertificateRoleMapper"))
				.count();
			logger.info(summary(customMappers));
		}
	}

	String summary(int customRoleMappers) {
		List<String> parts = new ArrayList<>();
		parts.add("ports " + ports());
		BundleMaterial server = this.inspector.server();
		if (this.serverProperties != null && server != null) {
			parts.add("client-auth=" + this.serverProperties.getClientAuth().name().toLowerCase(java.util.Locale.ROOT));
			parts.add("trust anchors=" + server.trusted().size() + " (bundle " + server.bundle() + ")");
		}
		else {
			parts.add(isProxyEnabled() ? "client certificates forwarded by the proxy" : "server mTLS off");
		}
		if (this.authProperties != null) {
			parts.add("principal=" + this.authProperties.getPrincipal());
			parts.add("roles: " + roleMappings(customRoleMappers));
		}
		else {
			parts.add("certificate authentication off");
		}
		parts.add("proxy=" + proxyMode());
		RevocationState revocation = this.lifecycle.getRevocationState();
		parts.add("revocation=" + revocation.mode());
		ReloadState reload = this.lifecycle.getReloadState();
		parts.add("reload=" + (reload.enabled() ? "on" : "off"));
		List<String> clients = this.inspector.clients().stream().map(BundleMaterial::owner).toList();
		parts.add("clients=" + clients);
		return "mTLS ready: " + String.join(", ", parts);
	}

	private String ports() {
		String server = this.environment.getProperty("local.server.port");
		String mtls = this.environment.getProperty("local.mtls.port");
		if (mtls != null && !mtls.equals(server)) {
			return mtls + " (mTLS), " + server + " (main)";
		}
		if (mtls != null) {
			return mtls + " (mTLS)";
		}
		if (server == null) {
			return "none";
		}
		// No mutual TLS connector: say what really listens
		boolean tls = this.environment.getProperty("server.ssl.enabled", Boolean.class,
				this.environment.containsProperty("server.ssl.bundle")
						|| this.environment.containsProperty("server.ssl.certificate")
						|| this.environment.containsProperty("server.ssl.key-store"));
		String protocol = tls ? "HTTPS" : "plain HTTP";
		return isProxyEnabled()
				? server + " (" + protocol + " behind trusted proxies "
						+ this.environment.getProperty("mtls.proxy.trusted-proxies", "[]") + ")"
				: server + " (" + protocol + ")";
	}

	private boolean isProxyEnabled() {
		return this.environment.getProperty("mtls.proxy.enabled", Boolean.class, false);
	}

	private String roleMappings(int customRoleMappers) {
		MtlsAuthProperties auth = Objects.requireNonNull(this.authProperties);
		List<String> mappings = new ArrayList<>();
		if (!auth.getDefaultRoles().isEmpty()) {
			mappings.add("default " + auth.getDefaultRoles());
		}
		if (!auth.getRoles().isEmpty()) {
			mappings.add(auth.getRoles().size() + " principal(s) in mtls.auth.roles");
		}
		if (auth.getRolesFile() != null) {
			mappings.add("file " + auth.getRolesFile());
		}
		if (!auth.getRoleAttribute().isEmpty()) {
			mappings.add("attribute " + auth.getRoleAttribute());
		}
		if (auth.getRoleExtensionOid() != null) {
			mappings.add("extension " + auth.getRoleExtensionOid());
		}
		if (customRoleMappers > 0) {
			mappings.add(customRoleMappers + " custom mapper(s)");
		}
		return mappings.isEmpty() ? "none" : String.join(" + ", mappings);
	}

	private String proxyMode() {
		if (!isProxyEnabled()) {
			return "off";
		}
		StringBuilder mode = new StringBuilder(this.environment.getProperty("mtls.proxy.format", "pem-urlencoded"))
			.append(" header");
		String header = this.environment.getProperty("mtls.proxy.header");
		if (header != null) {
			mode.append(" ").append(header);
		}
		String verify = this.environment.getProperty("mtls.proxy.verify-header");
		mode.append((verify != null && !verify.isBlank()) ? " with verdict " + verify : " without verdict header");
		mode.append(this.environment.getProperty("mtls.proxy.revalidate", Boolean.class, true) ? ", re-validated"
				: ", not re-validated");
		return mode.toString();
	}

}
