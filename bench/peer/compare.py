#!/usr/bin/env python3
"""Checks that the service and PostGraphile answer the same data, field by field (bench/run.sh, BENCH_PEER).

    compare.py NAME SERVICE_RESPONSE.json PEER_RESPONSE.json

Both answers are brought to one shape before comparing: connections become lists (the service's edges/node,
PostGraphile's nodes), PostGraphile's names become the service's (rowId -> id, socialIdentitiesByContactId ->
socialIdentities, ... and a relation's totalCount -> touchpointCount), integers sent as strings (PostGraphile's
BigInt, the service's ID) become integers, timestamps become UTC instants (the service writes Z, PostGraphile
+00:00). Exits 1 with the differing paths when anything differs, when either answer has errors, or when there is
no data to compare.
"""
import datetime
import json
import re
import sys

PEER_NAMES = {
    "rowId": "id",
    "allContacts": "contacts",
    "allSocialIdentities": "influencers",
    "contactByRowId": "contact",
    "contactByContactId": "contact",
    "campaignByCampaignId": "campaign",
    "socialIdentitiesByContactId": "socialIdentities",
    "touchpointsByContactId": "touchpoints",
    "lifecycleTransitionsByContactId": "lifecycleHistory",
    "touchpointsByInfluencerIdentityId": "touchpointCount",
}
INTEGER = re.compile(r"^-?[0-9]+$")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def normal(value, names):
    if isinstance(value, dict):
        if set(value) == {"edges"}:
            return [normal(edge["node"], names) for edge in value["edges"]]
        if set(value) == {"nodes"}:
            return [normal(node, names) for node in value["nodes"]]
        if set(value) == {"totalCount"}:
            return value["totalCount"]
        return {names.get(k, k): normal(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [normal(v, names) for v in value]
    if isinstance(value, str):
        if INTEGER.match(value):
            return int(value)
        if TIMESTAMP.match(value):
            return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(datetime.timezone.utc)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def differences(a, b, path, out, counter):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                out.append(f"{path}.{key}: only in {'peer' if key not in a else 'service'}")
            else:
                differences(a[key], b[key], f"{path}.{key}", out, counter)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items (service) vs {len(b)} (peer)")
        for i, (x, y) in enumerate(zip(a, b)):
            differences(x, y, f"{path}[{i}]", out, counter)
    else:
        counter[0] += 1
        if a != b:
            out.append(f"{path}: {a!r} (service) vs {b!r} (peer)")


def main():
    name, service_file, peer_file = sys.argv[1:4]
    answers = []
    for label, file in (("service", service_file), ("peer", peer_file)):
        try:
            body = json.load(open(file))
        except ValueError:
            sys.exit(f"{name}: the {label} did not answer JSON: {open(file).read(300)!r}")
        if body.get("errors") or not body.get("data"):
            sys.exit(f"{name}: the {label} answered with errors: {json.dumps(body)[:400]}")
        answers.append(body["data"])
    service = normal(answers[0], {})
    peer = normal(answers[1], PEER_NAMES)
    out, counter = [], [0]
    differences(service, peer, name, out, counter)
    if out:
        print(f"{name}: the answers DIFFER ({len(out)} differences), e.g.:", file=sys.stderr)
        for line in out[:20]:
            print("  " + line, file=sys.stderr)
        sys.exit(1)
    if counter[0] < 5:
        sys.exit(f"{name}: too little data to compare ({counter[0]} values): {json.dumps(answers[0])[:300]}")
    print(f"{name}: same data, {counter[0]} values compared")


if __name__ == "__main__":
    main()
