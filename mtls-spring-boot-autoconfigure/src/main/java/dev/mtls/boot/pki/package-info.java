/**
 * What the capabilities share: loading key and trust material from PEM, JKS and PKCS12
 * with actionable errors, and certificate facts.
 */
@NullMarked
package dev.mtls.boot.pki;

import org.jspecify.annotations.NullMarked;
