#!/usr/bin/env python3
"""Benchmark-only OIDC issuer: python3 stdlib + the openssl CLI, nothing else.

  oidc.py serve KEY.pem PORT          serves discovery + JWKS for http://127.0.0.1:PORT/realms/bench (127.0.0.1 only)
  oidc.py token KEY.pem ISSUER JSON   prints an RS256 JWT whose claims are JSON plus iss/aud/iat/exp/sub defaults

The key is made by bench/run.sh with `openssl genrsa`; tokens last 3 hours.
"""
import base64
import http.server
import json
import re
import subprocess
import sys
import time

from json_http import JsonHandler


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwk(key_path: str) -> dict:
    text = subprocess.run(["openssl", "rsa", "-in", key_path, "-noout", "-modulus"],
                          check=True, capture_output=True, text=True).stdout
    modulus = bytes.fromhex(re.search(r"Modulus=([0-9A-Fa-f]+)", text).group(1))
    return {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "bench",
            "n": b64url(modulus), "e": b64url((65537).to_bytes(3, "big"))}


def token(key_path: str, issuer: str, claims: dict) -> str:
    now = int(time.time())
    body = {"iss": issuer, "aud": "scrm-api", "sub": "bench", "iat": now, "exp": now + 3 * 3600}
    body.update(claims)
    header = {"alg": "RS256", "typ": "JWT", "kid": "bench"}
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(body).encode())
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key_path],
                               input=signing_input.encode(), check=True, capture_output=True).stdout
    return signing_input + "." + b64url(signature)


def serve(key_path: str, port: int) -> None:
    issuer = f"http://127.0.0.1:{port}/realms/bench"
    documents = {
        "/realms/bench/.well-known/openid-configuration": {
            "issuer": issuer,
            "jwks_uri": issuer + "/protocol/openid-connect/certs",
            "token_endpoint": issuer + "/protocol/openid-connect/token",
            "authorization_endpoint": issuer + "/protocol/openid-connect/auth",
            "id_token_signing_alg_values_supported": ["RS256"],
        },
        "/realms/bench/protocol/openid-connect/certs": {"keys": [jwk(key_path)]},
    }

    class Handler(JsonHandler):
        def do_GET(self):
            doc = documents.get(self.path.split("?")[0])
            self.send_json(200 if doc is not None else 404, doc if doc is not None else {"error": "not found"})

    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "serve":
        serve(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) >= 5 and sys.argv[1] == "token":
        print(token(sys.argv[2], sys.argv[3], json.loads(sys.argv[4])))
    else:
        sys.exit(__doc__)
