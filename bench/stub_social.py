#!/usr/bin/env python3
"""Benchmark-only stub of a social network API (Mastodon shape): every GET answers an account with counts.

  stub_social.py PORT      listens on 127.0.0.1:PORT only
"""
import http.server
import json
import sys
import zlib


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        seed = zlib.crc32(self.path.encode())
        payload = json.dumps({"id": str(seed), "username": "bench", "acct": "bench",
                              "followers_count": seed % 1000000, "following_count": seed % 5000,
                              "statuses_count": seed % 20000}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
