/**
 * Mutual TLS for Spring Boot. Each sub-package holds one capability with its
 * auto-configuration and properties; {@code pki} holds what they share.
 */
@NullMarked
package dev.mtls.boot;

import org.jspecify.annotations.NullMarked;
