/**
 * Test support for applications using mtls-spring-boot:
 * {@link dev.mtls.boot.test.MtlsTest} issues a per-class test PKI and points
 * {@code @SpringBootTest} applications at it; {@link dev.mtls.boot.test.MtlsTestServer},
 * {@link dev.mtls.boot.test.MtlsTestClients},
 * {@link dev.mtls.boot.test.MtlsWebTestClients} and
 * {@link dev.mtls.boot.test.MtlsMockMvc} call them with a chosen client certificate.
 */
@NullMarked
package dev.mtls.boot.test;

import org.jspecify.annotations.NullMarked;
