/**
 * Preload (`node --require ./no-network.cjs ...`) that disables networking inside the process and
 * records every attempt: net/tls/http/https/http2 connections, DNS lookups, UDP sockets, fetch and
 * WebSocket throw, and one line per attempt is appended to $JXMB_NET_LOG. Each thread that loads
 * the preload (main thread and worker threads, which inherit --require) appends "load <threadId>".
 */
'use strict';
const fs = require('fs');
const { threadId } = require('worker_threads');

const LOG = process.env.JXMB_NET_LOG;
function log(line) {
  if (LOG) fs.appendFileSync(LOG, `${line}\n`);
}
log(`load ${threadId}`);

function blocked(what) {
  return function () {
    log(`attempt ${threadId} ${what}`);
    throw new Error(`network disabled by test: ${what}`);
  };
}

function patch(mod, name, names) {
  const m = require(mod);
  for (const n of names) if (typeof m[n] === 'function') m[n] = blocked(`${name}.${n}`);
  return m;
}

const net = patch('net', 'net', ['connect', 'createConnection', 'createServer']);
net.Socket.prototype.connect = blocked('net.Socket.connect');
patch('tls', 'tls', ['connect', 'createServer']);
patch('http', 'http', ['request', 'get', 'createServer']);
patch('https', 'https', ['request', 'get', 'createServer']);
patch('http2', 'http2', ['connect', 'createServer', 'createSecureServer']);
patch('dgram', 'dgram', ['createSocket']);
const dns = patch('dns', 'dns', ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'reverse']);
for (const n of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'reverse']) {
  if (dns.promises && typeof dns.promises[n] === 'function') dns.promises[n] = blocked(`dns.promises.${n}`);
}
if (typeof globalThis.fetch === 'function') globalThis.fetch = blocked('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = blocked('WebSocket');
if (typeof globalThis.EventSource === 'function') globalThis.EventSource = blocked('EventSource');
