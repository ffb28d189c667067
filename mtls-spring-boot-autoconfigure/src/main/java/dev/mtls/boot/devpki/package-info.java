/**
 * Development PKI: a throw-away CA with server and client certificates, generated with
 * Bouncy Castle, so that an application can be called with a client certificate a minute
 * after cloning. Never for production.
 */
@NullMarked
package dev.mtls.boot.devpki;

import org.jspecify.annotations.NullMarked;
