/**
 * {@link dev.mtls.boot.test.cli.MtlsPkiCli}: certificates and key stores for local use
 * and partner onboarding from the command line.
 */
@NullMarked
package dev.mtls.boot.test.cli;

import org.jspecify.annotations.NullMarked;
