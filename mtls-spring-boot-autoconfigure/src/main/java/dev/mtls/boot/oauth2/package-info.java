/**
 * OAuth2 together with client certificates: bearer tokens next to certificates on chosen
 * paths, certificate-bound access tokens (RFC 8705) inbound, and
 * {@code client_credentials} tokens fetched with a client's certificate outbound. Active
 * only with Spring Security's OAuth2 resource server or client on the class path.
 */
@NullMarked
package dev.mtls.boot.oauth2;

import org.jspecify.annotations.NullMarked;
