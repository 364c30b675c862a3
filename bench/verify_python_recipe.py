#!/usr/bin/env python3
"""Runs the Python (Flask) snippet of docs/webhooks.md, verbatim, against a delivery the service signed.

  verify_python_recipe.py DOCS_WEBHOOKS_MD SAMPLE_JSON SECRET

SAMPLE_JSON: {"signature": ..., "delivery": ..., "body": base64 of the raw body} (bench/webhook_receiver.js GET /sample).
The snippet's app must answer 204 to the delivery as sent, and 400 to the same delivery with one byte of its body
changed. Prints one line; exits non-zero if either answer is wrong. Needs Flask (bench/webhooks.sh skips it without).
"""
import base64
import json
import os
import re
import sys

docs, sample, secret = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
text = open(docs, encoding="utf-8").read()
snippet = re.search(r"Python \(Flask\):\n```python\n(.*?)```", text, re.S).group(1)
os.environ["SCRM_WEBHOOK_SECRET"] = secret
scope = {"__name__": "recipe"}
exec(compile(snippet, "docs/webhooks.md (Python)", "exec"), scope)
client = scope["app"].test_client()
body = base64.b64decode(sample["body"])
headers = {"X-SCRM-Signature": sample["signature"], "X-SCRM-Delivery": sample["delivery"], "Content-Type": "application/json"}
valid = client.post("/scrm", data=body, headers=headers).status_code
tampered = client.post("/scrm", data=body.replace(b"}", b" }", 1), headers=headers).status_code
ok = valid == 204 and tampered == 400
print(f"docs/webhooks.md Python recipe on a delivery the service signed: {valid} as sent, {tampered} with the body changed"
      f" ({'OK' if ok else 'WRONG'})")
sys.exit(0 if ok else 1)
