/**
 * Client certificates forwarded by a TLS-terminating proxy (nginx, HAProxy, Envoy/Istio,
 * Traefik, AWS ALB, Azure, Cloudflare, RFC 9440), trusted only from configured peers and
 * validated again like direct ones.
 */
@NullMarked
package dev.mtls.boot.proxy;

import org.jspecify.annotations.NullMarked;
