/**
 * {@link dev.mtls.boot.test.cli.MtlsPkiCli}: certificates and key stores for local use
 * and partner onboarding from the command line.
 */
package dev.mtls.boot.test.cli;
