package dev.mtls.boot.testing;

import java.security.cert.X509Certificate;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@link TestServerApplication.EchoController} on WebFlux: echoes the client certificate
 * subject. A top-level class, so that servlet applications built from
 * {@link TestServerApplication} never pick it up as one of its member classes.
 */
@RestController
public class ReactiveEchoController {

	@GetMapping("/hello")
	String hello(ServerHttpRequest request) {
		SslInfo ssl = request.getSslInfo();
		X509Certificate[] chain = (ssl != null) ? ssl.getPeerCertificates() : null;
		return (chain != null && chain.length > 0) ? "hello " + chain[0].getSubjectX500Principal().getName()
				: "hello anonymous";
	}

}
