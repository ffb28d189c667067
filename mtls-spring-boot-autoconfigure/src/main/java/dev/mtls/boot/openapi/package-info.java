/**
 * OpenAPI with springdoc-openapi: the generated document declares the {@code mutualTLS}
 * security scheme (OpenAPI 3.1) and attaches it, with the roles required, to the
 * operations that need a client certificate.
 */
@NullMarked
package dev.mtls.boot.openapi;

import org.jspecify.annotations.NullMarked;
