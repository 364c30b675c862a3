#!/usr/bin/env node
// Benchmark-only webhook receiver (bench/webhooks.sh): Node's http module, nothing else.
//
//   node webhook_receiver.js PORT SECRET      listens on 127.0.0.1:PORT; POST anything: a delivery; GET /stats: counts;
//                                             GET /sample: the last verified delivery (signature header, base64 body)
//
// Every delivery's signature is checked with the Node.js recipe of docs/webhooks.md ("Verifying the signature"),
// its delivery id checked for duplicates, and its feed position (the cursor: base64url "chg|<tx>|<id>") checked to
// be after the last one seen for its subject: per-contact order as the feed defines it. A bad signature gets 400
// (the dispatcher retries it, so a signing bug shows as a low rate and a non-zero badSignature count).
'use strict';
const http = require('http');
const crypto = require('crypto');

const port = Number(process.argv[2]);
const secret = process.argv[3];

const stats = { received: 0, distinct: 0, duplicates: 0, badSignature: 0, outOfOrder: 0, subjects: 0, firstAt: 0, lastAt: 0 };
const seen = new Set();
let sample = null; // the last verified delivery as sent (GET /sample), for bench/verify_python_recipe.py
const lastBySubject = new Map();

// docs/webhooks.md, Node.js: the same lines, with the raw body as a Buffer
function verifies(header, body) {
  const parts = Object.fromEntries(header.split(',').map(p => p.split('=', 2)));
  const expected = crypto.createHmac('sha256', secret)
    .update(`${parts.t}.${body.toString('utf8')}`).digest('hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
  const given = Buffer.from(parts.v1 || '', 'utf8');
  const ok = given.length === expected.length && crypto.timingSafeEqual(given, Buffer.from(expected, 'utf8'));
  return ok && fresh;
}

function position(cursor) { // [tx, id] as BigInts
  const text = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return [BigInt(text[1]), BigInt(text[2])];
}

function after(a, b) {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

function deliver(req, body, res) {
  stats.received++;
  if (!verifies(req.headers['x-scrm-signature'] || '', body)) {
    stats.badSignature++;
    res.writeHead(400).end();
    return;
  }
  const id = req.headers['x-scrm-delivery'];
  sample = { signature: req.headers['x-scrm-signature'], delivery: id, body: body.toString('base64') };
  if (seen.has(id)) {
    stats.duplicates++;
  } else {
    seen.add(id);
    stats.distinct++;
    const change = JSON.parse(body);
    const at = position(change.cursor);
    const last = lastBySubject.get(change.subjectId);
    if (last === undefined) {
      stats.subjects++;
    } else if (!after(at, last)) {
      stats.outOfOrder++;
    }
    lastBySubject.set(change.subjectId, at);
  }
  const now = Date.now();
  if (!stats.firstAt) stats.firstAt = now;
  stats.lastAt = now;
  res.writeHead(204).end();
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(stats));
    return;
  }
  if (req.method === 'GET' && req.url === '/sample') {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(sample));
    return;
  }
  const chunks = [];
  req.on('data', chunk => chunks.push(chunk));
  req.on('end', () => deliver(req, Buffer.concat(chunks), res));
});
server.keepAliveTimeout = 120000;
server.listen(port, '127.0.0.1');
