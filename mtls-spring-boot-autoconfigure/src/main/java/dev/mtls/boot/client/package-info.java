/**
 * Outbound mutual TLS: {@code mtls.client.*} and {@code mtls.clients.<name>.*} become SSL
 * bundles and ready {@code RestClient}, {@code RestTemplate} and {@code WebClient} setups
 * that always present the configured identity and explain refusals.
 */
@NullMarked
package dev.mtls.boot.client;

import org.jspecify.annotations.NullMarked;
