#!/usr/bin/env python3
"""Where samples that contain a frame come from.

    jfr-callers.py recording.jfr FRAME [CALLER_PREFIX]

Among the CPU samples whose stack contains FRAME (a substring), counts the first frame
below it (towards main) that starts with CALLER_PREFIX (default 'dev.mtls.boot'), so
that e.g. 'sun.security' time is attributed to the starter's code that caused it.
"""
import collections
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
jfr_share = __import__("jfr-share")


def main():
    path, frame = sys.argv[1], sys.argv[2]
    prefix = sys.argv[3] if len(sys.argv) > 3 else "dev.mtls.boot"
    counts = collections.Counter()
    total = 0
    matching = 0
    for stack in jfr_share.samples(path):
        total += 1
        idx = next((i for i, f in enumerate(stack) if frame in f), None)
        if idx is None:
            continue
        matching += 1
        caller = next((f.split(" line:")[0] for f in stack[idx:] if f.startswith(prefix)), "(none)")
        counts[caller] += 1
    print(f"{matching} of {total} samples contain {frame}")
    for caller, n in counts.most_common(25):
        print(f"{100.0 * n / total:6.2f} %  {caller}")


if __name__ == "__main__":
    main()
