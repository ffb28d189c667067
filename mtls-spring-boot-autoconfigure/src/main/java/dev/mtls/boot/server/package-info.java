/**
 * Mutual TLS on the embedded Tomcat server: {@code mtls.server.*} becomes an SSL bundle
 * applied to the main connector or to a dedicated one.
 */
@NullMarked
package dev.mtls.boot.server;

import org.jspecify.annotations.NullMarked;
