package dev.mtls.boot.oauth2;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * Client A: a plain (non-web) application with a named mTLS client that fetches
 * certificate-bound tokens.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ClientApplication {

}
