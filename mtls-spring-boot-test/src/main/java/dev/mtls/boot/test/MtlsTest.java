package dev.mtls.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.context.TestPropertySource;

/**
 * Issues a throw-away {@link MtlsTestPki test PKI} for the annotated test class and, in a
 * {@code @SpringBootTest}, points the application's {@code mtls.server.keystore.*} and
 * {@code mtls.server.truststore.*}, and those of its outbound clients
 * ({@code mtls.client.*}, {@code mtls.clients.<name>.*}), at it before the context
 * starts: files that exist only in production never break a test.
 *
 * <pre class="code">
 * &#064;MtlsTest
 * &#064;SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * class AdminApiTests {
 *
 *     &#064;Test
 *     void adminOnly(MtlsTestServer server) throws Exception {
 *         assertThat(server.get("CN=admin-client", "/api/admin").statusCode()).isEqualTo(200);
 *         assertThat(server.get("CN=alice", "/api/admin").statusCode()).isEqualTo(403);
 *     }
 *
 * }
 * </pre>
 *
 * Test methods and lifecycle methods can declare {@link MtlsTestPki} and
 * {@link MtlsTestServer} parameters; the PKI is also a bean of the test's application
 * context. Each annotated class gets its own PKI and therefore its own application
 * context. The development PKI ({@code mtls.dev-pki.enabled}) is switched off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MtlsTestExtension.class)
@TestPropertySource(properties = "mtls.dev-pki.enabled=false")
public @interface MtlsTest {

	/**
	 * Subject of the self-signed root CA, in RFC 4514 form.
	 * @return the CA subject
	 */
	String caSubject() default "CN=mtls-spring-boot-test CA,O=mtls-spring-boot-test";

	/**
	 * Number of intermediate CAs between the root and the server and client certificates.
	 * The server sends its intermediates; the application trusts the root only.
	 * @return the number of intermediates
	 */
	int intermediates() default 0;

	/**
	 * Subject of the server certificate.
	 * @return the server subject
	 */
	String serverSubject() default "CN=localhost";

	/**
	 * DNS subject alternative names of the server certificate.
	 * @return the DNS names
	 */
	String[] serverDnsNames() default { "localhost" };

	/**
	 * IP address subject alternative names of the server certificate.
	 * @return the addresses
	 */
	String[] serverIpAddresses() default { "127.0.0.1", "::1" };

	/**
	 * Form in which the server identity and trust are handed to the application.
	 * @return the format
	 */
	MtlsTestPki.Format format() default MtlsTestPki.Format.PEM;

	/**
	 * Whether to set the {@code mtls.server.*} identity and trust properties of the
	 * application under test. Switch off to configure them yourself from the PKI's files.
	 * @return whether to configure the server
	 */
	boolean configureServer() default true;

	/**
	 * Whether the test PKI stands in for the material of every configured outbound client
	 * ({@code mtls.client.*}, {@code mtls.clients.<name>.*}): each presents a client
	 * certificate {@code CN=<name>} ({@code CN=mtls-test-client} for the default client)
	 * issued by the test PKI and trusts its root CA; key stores, trust stores, SSL
	 * bundles and pins configured for production are ignored. Switch off to configure the
	 * clients yourself.
	 * @return whether to configure the outbound clients
	 */
	boolean configureClients() default true;

}
