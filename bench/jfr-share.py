#!/usr/bin/env python3
"""Share of a JFR recording's CPU samples (jdk.ExecutionSample) whose stack contains a frame.

    jfr-share.py recording.jfr [pattern ...]

Prints, for each pattern (a substring of a frame such as 'X509CertImpl.toString'), the
percentage of samples with a matching frame anywhere in the stack (inclusive time), then
the top frames by inclusive share among the given packages. Needs the JDK's 'jfr' tool
(JFR_TOOL, default: jfr on the PATH).
"""
import collections
import os
import subprocess
import sys

DEFAULT_PATTERNS = [
    "X509CertImpl.toString", "HexDumpEncoder", "LogMessage.toString", "Slf4jLogFactory",
    "X509AuthenticationFilter", "CertificateAuthenticationFilter", "CertificateUserDetailsService",
    "CertificateFingerprint", "CertificatePrincipalExtractor", "CertificatePathPolicyFilter",
    "ObservationFilterChainDecorator", "ServerHttpObservationFilter", "FilterChainProxy.doFilter",
    "DispatcherServlet.doDispatch", "sun.security.ssl", "Http11Processor.service",
    "MappingJackson", "jackson", "micrometer",
]


def samples(path):
    tool = os.environ.get("JFR_TOOL", "jfr")
    out = subprocess.run([tool, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "128", path],
                         check=True, capture_output=True, text=True).stdout
    stack = None
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("jdk.ExecutionSample"):
            stack = []
        elif line.startswith("stackTrace = ["):
            continue
        elif stack is not None and line and not line.startswith(("]", "}", "startTime", "sampledThread", "state", "...")):
            if "line:" in line or "(" in line:
                stack.append(line)
        if line == "}" and stack is not None:
            yield stack
            stack = None


def main():
    path = sys.argv[1]
    patterns = sys.argv[2:] or DEFAULT_PATTERNS
    all_samples = list(samples(path))
    total = len(all_samples)
    print(f"{total} samples in {path}")
    for pattern in patterns:
        hits = sum(1 for s in all_samples if any(pattern in f for f in s))
        print(f"{100.0 * hits / max(total, 1):6.2f} %  {pattern}")


if __name__ == "__main__":
    main()
