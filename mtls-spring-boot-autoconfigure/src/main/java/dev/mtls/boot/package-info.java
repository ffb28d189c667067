/**
 * Mutual TLS for Spring Boot. Each sub-package holds one capability with its
 * auto-configuration and properties; {@code pki} holds what they share.
 */
package dev.mtls.boot;
