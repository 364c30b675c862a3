#!/usr/bin/env python3
"""Benchmark-only stub of a social network API (Mastodon shape): every GET answers an account with counts.

  stub_social.py PORT      listens on 127.0.0.1:PORT only
"""
import http.server
import sys
import zlib

from json_http import JsonHandler


class Handler(JsonHandler):
    def do_GET(self):
        seed = zlib.crc32(self.path.encode())
        self.send_json(200, {"id": str(seed), "username": "bench", "acct": "bench", "followers_count": seed % 1000000,
                             "following_count": seed % 5000, "statuses_count": seed % 20000})


if __name__ == "__main__":
    http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
