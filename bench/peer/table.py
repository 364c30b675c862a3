#!/usr/bin/env python3
"""Prints the side-by-side table of bench/run.sh's peer comparison from its rows (peer.sh writes them):
query, round, server, req/s, p50 ms, p99 ms, errors, server CPU ms, database CPU ms, requests."""
import sys
from collections import defaultdict

rows = defaultdict(dict)
for line in open(sys.argv[1]):
    if line.strip():
        q, rnd, server, rps, p50, p99, err, cpu, db, req = line.rstrip("\n").split("\t")
        rows[(q, int(rnd))][server] = dict(rps=float(rps), p50=float(p50), p99=float(p99), err=int(err),
                                           cpu=float(cpu), db=float(db), req=int(req))


def per_request(r, key):
    return f"{r[key] / r['req']:.2f}" if r["req"] else "-"


def cpu(r):
    return f"{per_request(r, 'cpu')} + {per_request(r, 'db')}"


head = ["query", "round", "service req/s", "peer req/s", "ratio", "service p50 / p99 ms", "peer p50 / p99 ms",
        "CPU ms/req service (app + db)", "CPU ms/req peer (node + db)", "errors s/p"]
table = []
for (q, rnd), by in sorted(rows.items(), key=lambda kv: (["Q1", "Q2", "Q3", "T0"].index(kv[0][0]), kv[0][1])):
    s, p = by.get("service"), by.get("peer")
    if not s or not p:
        continue
    table.append([q, str(rnd), f"{s['rps']:,.1f}", f"{p['rps']:,.1f}", f"{s['rps'] / p['rps']:.2f}" if p["rps"] else "-",
                  f"{s['p50']:.1f} / {s['p99']:.1f}", f"{p['p50']:.1f} / {p['p99']:.1f}", cpu(s), cpu(p),
                  f"{s['err']}/{p['err']}"])
widths = [max(len(r[i]) for r in table + [head]) for i in range(len(head))]
fmt = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"
print(fmt(head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in table:
    print(fmt(r))
print()
for q in ["Q1", "Q2", "Q3"]:
    runs = [by for (name, _), by in rows.items() if name == q and "service" in by and "peer" in by]
    if not runs:
        continue
    s = sum(r["service"]["rps"] for r in runs) / len(runs)
    p = sum(r["peer"]["rps"] for r in runs) / len(runs)
    sp99 = max(r["service"]["p99"] for r in runs)
    pp99 = max(r["peer"]["p99"] for r in runs)
    ratio = s / p if p else 0
    print(f"{q}: service {s:,.1f} req/s vs PostGraphile {p:,.1f} (x{ratio:.2f}; target x1.5: {'met' if ratio >= 1.5 else 'NOT met'}),"
          f" worst p99 {sp99:.1f} vs {pp99:.1f} ms (target: no higher: {'met' if sp99 <= pp99 else 'NOT met'})")
