#!/usr/bin/env python3
"""Summary of a JFR recording's CPU samples and allocation samples (bench/profile.sh): the hottest frames (self),
the share of samples that pass through each library or package (inclusive), and who allocates most.
Usage: jfr_summary.py recording.jfr"""
import collections
import json
import subprocess
import sys

# inclusive buckets: the first prefix that matches a frame's class names its bucket (a sample counts once per bucket)
BUCKETS = [
    ("ours: org.socialcrm", "org.socialcrm."),
    ("SmallRye GraphQL", "io.smallrye.graphql."),
    ("graphql-java", "graphql."),
    ("quarkus-oidc / smallrye-jwt / jose4j", ("io.quarkus.oidc.", "io.smallrye.jwt.", "org.jose4j.")),
    ("Quarkus security", "io.quarkus.security."),
    ("Vert.x web / HTTP", ("io.vertx.ext.web.", "io.vertx.core.http.", "io.quarkus.vertx.http.")),
    ("reactive PG client", ("io.vertx.pgclient.", "io.vertx.sqlclient.")),
    ("Netty", "io.netty."),
    ("Mutiny", "io.smallrye.mutiny."),
    ("context propagation", ("io.smallrye.context.", "io.quarkus.arc.impl.ActivateRequestContext", "io.quarkus.smallrye.context.")),
    ("ArC (CDI)", "io.quarkus.arc."),
    ("Micrometer", "io.micrometer."),
    ("OpenTelemetry", ("io.opentelemetry.", "io.quarkus.opentelemetry.")),
    ("logging", ("org.jboss.logging.", "org.jboss.logmanager.", "java.util.logging.")),
    ("JSON (Jakarta/Parsson/Jackson)", ("org.eclipse.parsson.", "jakarta.json.", "com.fasterxml.jackson.")),
    ("Caffeine", "com.github.benmanes.caffeine."),
]


def frames(event):
    trace = event["values"].get("stackTrace") or {}
    return [f"{f['method']['type']['name'].replace('/', '.')}.{f['method']['name']}" for f in trace.get("frames", []) if f.get("method")]


def events(path, kind):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", kind, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def main(path):
    samples = [frames(e) for e in events(path, "jdk.ExecutionSample")]
    samples = [s for s in samples if s]
    n = len(samples) or 1
    self_counts = collections.Counter(s[0] for s in samples)
    inclusive = collections.Counter()
    for s in samples:
        seen = set()
        for frame in s:
            for name, prefix in BUCKETS:
                if frame.startswith(prefix):
                    seen.add(name)
                    break
        inclusive.update(seen)
    print(f"{len(samples)} CPU samples")
    print("inclusive share per library (a sample counts once per library on its stack):")
    for name, count in inclusive.most_common():
        print(f"  {100 * count / n:5.1f}%  {name}")
    print("hottest frames (self):")
    for frame, count in self_counts.most_common(20):
        print(f"  {100 * count / n:5.1f}%  {frame}")
    ours = collections.Counter()
    for s in samples:
        ours.update({f for f in s if f.startswith("org.socialcrm.")})
    print("our frames (inclusive):")
    for frame, count in ours.most_common(12):
        print(f"  {100 * count / n:5.1f}%  {frame}")
    allocations = collections.Counter()
    total = 0
    for e in events(path, "jdk.ObjectAllocationSample"):
        weight = e["values"].get("weight", 0)
        total += weight
        stack = frames(e)
        site = next((f for f in stack if not f.startswith(("java.", "jdk.", "sun."))), stack[0] if stack else "?")
        allocations[site] += weight
    print(f"allocation (sampled weight {total / 1e6:.0f} MB) by first non-JDK frame:")
    for site, weight in allocations.most_common(15):
        print(f"  {100 * weight / (total or 1):5.1f}%  {site}")


if __name__ == "__main__":
    main(sys.argv[1])
