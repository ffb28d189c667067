package dev.mtls.boot.test.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mtls.boot.devpki.CertificateBuilder;
import dev.mtls.boot.devpki.IssuedCertificate;
import dev.mtls.boot.pki.CertificateFingerprint;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * Creates a CA, server and client certificates as PEM, PKCS12 and JKS files for local use
 * and partner onboarding, instead of keytool and openssl recipes.
 *
 * <pre>
 * java -jar mtls-spring-boot-test-&lt;version&gt;-cli.jar ca --out pki
 * java -jar mtls-spring-boot-test-&lt;version&gt;-cli.jar server --out pki --dns localhost --ip 127.0.0.1 --client-auth-eku
 * java -jar mtls-spring-boot-test-&lt;version&gt;-cli.jar client --out pki --cn partner --password s3cret
 * java -jar mtls-spring-boot-test-&lt;version&gt;-cli.jar sign --out pki --csr partner.csr
 * java -jar mtls-spring-boot-test-&lt;version&gt;-cli.jar bundle --out pki --name partner --port 8443
 * </pre>
 *
 * Keys are generated on this machine and written unencrypted (PEM) or protected by the
 * store password (PKCS12, JKS), readable by the owner only. {@code sign} and
 * {@code bundle} onboard a partner from its certificate signing request: the partner's
 * private key never leaves the partner.
 */
public final class MtlsPkiCli {

	static final String DEFAULT_PASSWORD = "changeit";

	private static final String USAGE = """
			Usage: mtls-pki <command> [options]

			Commands:
			  ca      Create a certificate authority: ca.crt, ca.key, truststore.p12, truststore.jks
			            --subject DN       default "CN=mtls-spring-boot CA"
			            --days N           default 365
			            --force            replace an existing CA (every certificate it issued stops being trusted)
			  server  Issue a server certificate from the CA: server.crt (with chain), server.key, server.p12, server.jks
			            --dns NAME         DNS subject alternative name, repeatable (default localhost)
			            --ip ADDRESS       IP subject alternative name, repeatable
			            --subject DN       default "CN=<first --dns>"
			            --name NAME        file base name (default server)
			            --days N           default 90
			            --client-auth-eku  also usable as a client identity (serverAuth and clientAuth), e.g. for
			                               outbound clients that reuse the server identity
			  client  Issue a client certificate from the CA: <name>.crt, <name>.key, <name>.p12, <name>.jks
			            --cn NAME          common name (required unless --subject)
			            --subject DN       full subject, e.g. "CN=partner,O=Partner Inc"
			            --uri URI          URI subject alternative name (e.g. a SPIFFE ID), repeatable
			            --email ADDRESS    email subject alternative name, repeatable
			            --name NAME        file base name (default the CN)
			            --days N           default 90
			            --port N           port in the printed curl command (default 8443)
			  sign    Sign a partner's PKCS#10 CSR with the CA as a client certificate: <name>.crt (with chain).
			          The partner keeps its private key. Refuses a CSR whose signature does not verify, a weak
			          key, a CA request (CA:TRUE, keyCertSign, cRLSign) and extended key usages but clientAuth.
			            --csr FILE         the partner's CSR, PEM (required)
			            --subject DN       subject instead of the CSR's
			            --uri URI          URI subject alternative name, repeatable (the CSR's SANs are not copied)
			            --email ADDRESS    email subject alternative name, repeatable
			            --name NAME        file base name (default the CN)
			            --days N           default 90, at most 397, never beyond the CA's expiry
			            --min-rsa-bits N   smallest RSA key signed (default 2048; EC keys: 256 bits)
			  bundle  Write what a partner needs into a directory: their certificate, the CA chain, a one-line
			          curl example and the certificate's SHA-256 fingerprint (for an allow-list or a rate-limit tier)
			            --name NAME        the partner's certificate <out>/<name>.crt, as 'sign' wrote it (required)
			            --bundle DIR       default <out>/<name>-bundle
			            --server-ca FILE   CA that issued the server's certificate, if not the CA in --out
			            --host HOST        host in the curl example (default localhost)
			            --port N           port in the curl example (default 8443)
			            --path PATH        path in the curl example (default /)
			  help    Show this text

			Common options:
			  --out DIR          directory for the files (default: current directory); the CA is read from it
			  --password SECRET  password of the .p12 and .jks files (default changeit)
			""";

	private MtlsPkiCli() {
	}

	public static void main(String[] args) {
		int status = run(System.out, System.err, args);
		if (status != 0) {
			System.exit(status);
		}
	}

	/**
	 * Run a command.
	 * @param out standard output
	 * @param err standard error
	 * @param args the command and its options
	 * @return the exit status: 0 on success, 1 on failure, 2 on a usage error
	 */
	public static int run(PrintStream out, PrintStream err, String... args) {
		if (args.length == 0 || "help".equals(args[0]) || "--help".equals(args[0]) || "-h".equals(args[0])) {
			(args.length == 0 ? err : out).print(USAGE);
			return (args.length == 0) ? 2 : 0;
		}
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("mtls-pki: " + ex.getMessage());
			err.print(USAGE);
			return 2;
		}
		try {
			switch (args[0]) {
				case "ca" -> ca(options, out);
				case "server" -> server(options, out);
				case "client" -> client(options, out);
				case "sign" -> sign(options, out);
				case "bundle" -> bundle(options, out);
				default -> {
					err.println("mtls-pki: unknown command '" + args[0] + "'");
					err.print(USAGE);
					return 2;
				}
			}
			return 0;
		}
		catch (IllegalArgumentException ex) {
			err.println("mtls-pki: " + ex.getMessage());
			return 2;
		}
		catch (RuntimeException | IOException | GeneralSecurityException ex) {
			err.println("mtls-pki: " + ex.getMessage());
			return 1;
		}
	}

	private static void ca(Options options, PrintStream out) throws IOException, GeneralSecurityException {
		options.allow("out", "password", "subject", "days", "force");
		Path directory = options.directory();
		if (Files.exists(directory.resolve("ca.key")) && !options.flag("force")) {
			throw new IllegalArgumentException(directory.resolve("ca.key") + " exists; pass --force to replace the CA "
					+ "(certificates it issued will no longer be trusted)");
		}
		IssuedCertificate ca = CertificateBuilder.ca(options.single("subject", "CN=mtls-spring-boot CA"))
			.validFor(Duration.ofDays(options.days(365)))
			.issue();
		Files.writeString(directory.resolve("ca.crt"), ca.certificatePem());
		writeKey(directory.resolve("ca.key"), ca.privateKeyPem());
		String password = options.password();
		writeTrustStore(directory.resolve("truststore.p12"), "PKCS12", ca.certificate(), password);
		writeTrustStore(directory.resolve("truststore.jks"), "JKS", ca.certificate(), password);
		out.println("Created CA " + ca.certificate().getSubjectX500Principal().getName() + " in " + directory);
		out.println("  ca.crt, ca.key (keep ca.key secret), truststore.p12, truststore.jks");
		out.println(
				"  Trust clients it issues: mtls.server.truststore.certificate=file:" + directory.resolve("ca.crt"));
	}

	private static void server(Options options, PrintStream out) throws IOException, GeneralSecurityException {
		options.allow("out", "password", "subject", "days", "dns", "ip", "name", "client-auth-eku");
		Path directory = options.directory();
		IssuedCertificate ca = readCa(directory);
		List<String> dnsNames = options.all("dns");
		if (dnsNames.isEmpty() && options.all("ip").isEmpty()) {
			dnsNames = List.of("localhost");
		}
		String defaultSubject = "CN=" + (dnsNames.isEmpty() ? options.all("ip").get(0) : dnsNames.get(0));
		CertificateBuilder builder = CertificateBuilder.endEntity(options.single("subject", defaultSubject))
			.dnsNames(dnsNames.toArray(new String[0]))
			.ipAddresses(options.all("ip").toArray(new String[0]))
			.serverAuth();
		boolean clientAuth = options.flag("client-auth-eku");
		if (clientAuth) {
			builder.clientAuth();
		}
		IssuedCertificate server = builder.validFor(Duration.ofDays(options.days(90))).issuedBy(ca).issue();
		String name = options.single("name", "server");
		write(directory, name, server, options.password());
		out.println("Issued server certificate " + server.certificate().getSubjectX500Principal().getName() + " (SANs "
				+ String.join(", ", concat(dnsNames, options.all("ip"))) + ")"
				+ (clientAuth ? ", usable as server and client identity" : ""));
		out.println("  " + name + ".crt, " + name + ".key, " + name + ".p12, " + name + ".jks in " + directory);
		out.println("  mtls.server.keystore.certificate=file:" + directory.resolve(name + ".crt"));
		out.println("  mtls.server.keystore.private-key=file:" + directory.resolve(name + ".key"));
		out.println("  mtls.server.truststore.certificate=file:" + directory.resolve("ca.crt"));
	}

	private static void client(Options options, PrintStream out) throws IOException, GeneralSecurityException {
		options.allow("out", "password", "subject", "days", "cn", "uri", "email", "name", "port");
		Path directory = options.directory();
		IssuedCertificate ca = readCa(directory);
		String cn = options.single("cn", null);
		String subject = options.single("subject", null);
		if (subject == null) {
			if (cn == null || cn.isBlank()) {
				throw new IllegalArgumentException("client needs --cn NAME or --subject DN");
			}
			// Escaped as RFC 4514 requires, so that "Smith, John" stays one CN.
			subject = "CN=" + escape(cn);
		}
		String name = options.single("name", (cn != null) ? cn : "client");
		if (!name.matches("[A-Za-z0-9._-]+")) {
			throw new IllegalArgumentException("file name '" + name + "' has characters other than letters, digits, "
					+ "'.', '_' and '-': pass --name");
		}
		IssuedCertificate client = CertificateBuilder.endEntity(subject)
			.uris(options.all("uri").toArray(new String[0]))
			.emails(options.all("email").toArray(new String[0]))
			.clientAuth()
			.validFor(Duration.ofDays(options.days(90)))
			.issuedBy(ca)
			.issue();
		write(directory, name, client, options.password());
		out.println("Issued client certificate " + client.certificate().getSubjectX500Principal().getName());
		out.println("  " + name + ".crt, " + name + ".key, " + name + ".p12, " + name + ".jks in " + directory);
		out.println("  SHA-256 fingerprint " + client.fingerprint());
		String port = options.single("port", null);
		if (port != null && !port.matches("[1-9][0-9]{0,4}")) {
			throw new IllegalArgumentException("--port must be a port number, got '" + port + "'");
		}
		out.println("  curl --cert " + directory.resolve(name + ".crt") + " --key " + directory.resolve(name + ".key")
				+ " --cacert " + directory.resolve("ca.crt") + " https://localhost:" + ((port != null) ? port : "8443")
				+ "/");
		if (port == null) {
			out.println("  (8443: replace it with your application's mTLS port, server.port or mtls.server.port, "
					+ "or pass --port)");
		}
	}

	private static void sign(Options options, PrintStream out) throws IOException, GeneralSecurityException {
		options.allow("out", "csr", "subject", "uri", "email", "name", "days", "min-rsa-bits");
		Path directory = options.directory();
		IssuedCertificate ca = readCa(directory);
		String csrFile = options.single("csr", null);
		if (csrFile == null) {
			throw new IllegalArgumentException("sign needs --csr FILE, the partner's certificate signing request");
		}
		PKCS10CertificationRequest request = CsrSigner.read(Path.of(csrFile));
		int minRsaBits = positive("min-rsa-bits", options.single("min-rsa-bits", "2048"));
		X509Certificate certificate = new CsrSigner(ca, minRsaBits, 256).sign(request, options.single("subject", null),
				options.days(90), options.all("uri"), options.all("email"));
		String defaultName = commonName(certificate);
		String name = options.single("name", (defaultName != null) ? defaultName : "partner");
		checkFileName(name);
		Path file = directory.resolve(name + ".crt");
		Files.writeString(file, IssuedCertificate.pem(List.of(certificate, ca.certificate())));
		out.println("Signed client certificate " + certificate.getSubjectX500Principal().getName() + " until "
				+ certificate.getNotAfter().toInstant());
		out.println("  " + file + " (certificate and CA chain); the private key stays with the partner");
		out.println("  SHA-256 fingerprint " + CertificateFingerprint.sha256(certificate));
		out.println("  Hand it over: bundle --out " + directory + " --name " + name);
	}

	private static void bundle(Options options, PrintStream out) throws IOException, GeneralSecurityException {
		options.allow("out", "name", "bundle", "server-ca", "host", "port", "path");
		Path directory = options.directory();
		IssuedCertificate ca = readCa(directory);
		String name = options.single("name", null);
		if (name == null) {
			throw new IllegalArgumentException("bundle needs --name NAME, the partner's certificate <out>/NAME.crt");
		}
		checkFileName(name);
		Path certificateFile = directory.resolve(name + ".crt");
		if (!Files.isRegularFile(certificateFile)) {
			throw new IllegalArgumentException("no certificate " + certificateFile + ": run 'sign --out " + directory
					+ " --csr FILE --name " + name + "' first");
		}
		X509Certificate certificate;
		try (InputStream in = Files.newInputStream(certificateFile)) {
			certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		try {
			certificate.verify(ca.certificate().getPublicKey());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException(certificateFile + " was not issued by the CA in " + directory);
		}
		String port = options.single("port", "8443");
		if (!port.matches("[1-9][0-9]{0,4}")) {
			throw new IllegalArgumentException("--port must be a port number, got '" + port + "'");
		}
		String host = options.single("host", "localhost");
		if (!host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
			throw new IllegalArgumentException("--host must be a host name or address, got '" + host + "'");
		}
		String path = options.single("path", "/");
		if (!path.matches("/[A-Za-z0-9._~/%-]*")) {
			throw new IllegalArgumentException("--path must be a URL path starting with '/', got '" + path + "'");
		}
		Path bundle = Path.of(options.single("bundle", directory.resolve(name + "-bundle").toString()))
			.toAbsolutePath()
			.normalize();
		Files.createDirectories(bundle);
		Files.writeString(bundle.resolve(name + ".crt"), IssuedCertificate.pem(List.of(certificate)));
		Files.writeString(bundle.resolve("ca-chain.crt"), IssuedCertificate.pem(List.of(ca.certificate())));
		String serverCa = "ca-chain.crt";
		String serverCaFile = options.single("server-ca", null);
		if (serverCaFile != null) {
			Files.copy(Path.of(serverCaFile), bundle.resolve("server-ca.crt"),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			serverCa = "server-ca.crt";
		}
		String fingerprint = CertificateFingerprint.sha256(certificate);
		String curl = "curl --cert " + name + ".crt --key " + name + ".key --cacert " + serverCa + " https://" + host
				+ ":" + port + path;
		String readme = "Client certificate for " + certificate.getSubjectX500Principal().getName() + "\n"
				+ "valid until " + certificate.getNotAfter().toInstant() + "\n\n" + name
				+ ".crt      your certificate (use it with the private key you created with your CSR)\n"
				+ "ca-chain.crt   the CA chain that issued it"
				+ (serverCaFile != null
						? "\nserver-ca.crt  the CA that issued the server's certificate (trust it to call the server)"
						: "")
				+ "\n\nCall the API (from the directory holding " + name + ".key):\n" + curl + "\n\n"
				+ "SHA-256 fingerprint (for mtls.auth.allowed-fingerprints or mtls.rate-limit.tiers.<tier>.fingerprints):\n"
				+ fingerprint + "\n";
		Files.writeString(bundle.resolve("README.txt"), readme);
		out.println("Wrote the bundle for " + certificate.getSubjectX500Principal().getName() + " to " + bundle);
		out.println("  " + name + ".crt, ca-chain.crt" + ((serverCaFile != null) ? ", server-ca.crt" : "")
				+ ", README.txt (no private key: the partner has it)");
		out.println("  " + curl);
		out.println("  SHA-256 fingerprint " + fingerprint);
		out.println("  allow-list: mtls.auth.allowed-fingerprints=" + fingerprint);
		out.println("  rate-limit tier: mtls.rate-limit.tiers.<tier>.fingerprints=" + fingerprint);
	}

	private static @Nullable String commonName(X509Certificate certificate) {
		X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
		RDN[] cns = subject.getRDNs(BCStyle.CN);
		if (cns.length == 0 || cns[0].getFirst() == null) {
			return null;
		}
		String cn = IETFUtils.valueToString(cns[0].getFirst().getValue());
		return cn.matches("[A-Za-z0-9._-]+") ? cn : null;
	}

	private static void checkFileName(String name) {
		if (!name.matches("[A-Za-z0-9._-]+")) {
			throw new IllegalArgumentException("file name '" + name + "' has characters other than letters, digits, "
					+ "'.', '_' and '-': pass --name");
		}
	}

	private static int positive(String option, String value) {
		try {
			int number = Integer.parseInt(value);
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("--" + option + " must be a positive whole number, got '" + value + "'");
	}

	private static void write(Path directory, String name, IssuedCertificate certificate, String password)
			throws IOException {
		Files.writeString(directory.resolve(name + ".crt"), certificate.chainPem());
		writeKey(directory.resolve(name + ".key"), certificate.privateKeyPem());
		certificate.writeKeyStore(directory.resolve(name + ".p12"), "PKCS12", name, password);
		certificate.writeKeyStore(directory.resolve(name + ".jks"), "JKS", name, password);
		restrictToOwner(directory.resolve(name + ".p12"));
		restrictToOwner(directory.resolve(name + ".jks"));
	}

	private static void writeKey(Path file, String pem) throws IOException {
		Files.deleteIfExists(file);
		Files.createFile(file);
		restrictToOwner(file);
		Files.writeString(file, pem);
	}

	private static void writeTrustStore(Path file, String type, X509Certificate ca, String password)
			throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance(type);
		store.load(null, null);
		store.setCertificateEntry("ca", ca);
		try (var output = Files.newOutputStream(file)) {
			store.store(output, password.toCharArray());
		}
	}

	static IssuedCertificate readCa(Path directory) throws IOException, GeneralSecurityException {
		Path certificateFile = directory.resolve("ca.crt");
		Path keyFile = directory.resolve("ca.key");
		if (!Files.isRegularFile(certificateFile) || !Files.isRegularFile(keyFile)) {
			throw new IllegalArgumentException(
					"no CA in " + directory + " (ca.crt and ca.key): run 'ca --out " + directory + "' first");
		}
		X509Certificate certificate;
		try (InputStream in = Files.newInputStream(certificateFile)) {
			certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		PrivateKey key;
		try (Reader reader = Files.newBufferedReader(keyFile); PEMParser parser = new PEMParser(reader)) {
			Object object = parser.readObject();
			JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
			if (object instanceof PrivateKeyInfo info) {
				key = converter.getPrivateKey(info);
			}
			else if (object instanceof PEMKeyPair pair) {
				key = converter.getKeyPair(pair).getPrivate();
			}
			else {
				throw new IllegalArgumentException(keyFile + " holds no unencrypted private key");
			}
		}
		return new IssuedCertificate(certificate, key, List.of(certificate));
	}

	private static String escape(String value) {
		StringBuilder escaped = new StringBuilder();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (",+\"\\<>;=".indexOf(c) >= 0 || (i == 0 && (c == '#' || c == ' '))
					|| (i == value.length() - 1 && c == ' ')) {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private static void restrictToOwner(Path file) {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException | IOException ex) {
			// Not a POSIX file system (Windows): the user profile's ACLs apply.
		}
	}

	private static final class Options {

		private static final List<String> FLAGS = List.of("force", "client-auth-eku");

		private final Map<String, List<String>> values = new LinkedHashMap<>();

		static Options parse(String[] args) {
			Options options = new Options();
			for (int i = 1; i < args.length; i++) {
				String arg = args[i];
				if (!arg.startsWith("--") || arg.length() == 2) {
					throw new IllegalArgumentException("unexpected argument '" + arg + "'");
				}
				String name = arg.substring(2);
				String value;
				int equals = name.indexOf('=');
				if (equals >= 0) {
					value = name.substring(equals + 1);
					name = name.substring(0, equals);
				}
				else if (FLAGS.contains(name)) {
					value = "true";
				}
				else if (i + 1 < args.length) {
					value = args[++i];
				}
				else {
					throw new IllegalArgumentException("--" + name + " needs a value");
				}
				options.values.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			}
			return options;
		}

		void allow(String... names) {
			List<String> allowed = List.of(names);
			for (String name : this.values.keySet()) {
				if (!allowed.contains(name)) {
					throw new IllegalArgumentException("unknown option --" + name);
				}
			}
		}

		List<String> all(String name) {
			return this.values.getOrDefault(name, List.of());
		}

		@Contract("_, !null -> !null")
		@Nullable String single(String name, @Nullable String defaultValue) {
			List<String> all = all(name);
			if (all.size() > 1) {
				throw new IllegalArgumentException("--" + name + " given more than once");
			}
			return all.isEmpty() ? defaultValue : all.get(0);
		}

		boolean flag(String name) {
			return Boolean.parseBoolean(single(name, "false"));
		}

		int days(int defaultValue) {
			String days = single("days", null);
			if (days == null) {
				return defaultValue;
			}
			try {
				int value = Integer.parseInt(days);
				if (value <= 0) {
					throw new NumberFormatException();
				}
				return value;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--days must be a positive whole number, got '" + days + "'");
			}
		}

		String password() {
			String password = single("password", DEFAULT_PASSWORD);
			if (password.isEmpty()) {
				throw new IllegalArgumentException("--password must not be empty");
			}
			return password;
		}

		Path directory() throws IOException {
			Path directory = Path.of(single("out", ".")).toAbsolutePath().normalize();
			Files.createDirectories(directory);
			return directory;
		}

	}

}
