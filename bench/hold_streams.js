#!/usr/bin/env node
// Opens N streaming chat requests at once against URL and keeps them open while the upstream
// (a mock with a long --chunk-delay-ms) trickles chunks. Prints, one line each:
//   READY open=N ...      once every stream has its 200 head and a first event
//                         (or after --ready-timeout-ms with how many made it)
//   DONE ok=N bad=M ...   once every stream has ended (or after --timeout-ms)
// A stream is ok when its status is 200, it has exactly --chunks chat.completion.chunk events
// and it ends with data: [DONE]. No dependencies beyond Node's standard library.
'use strict';
const http = require('http');
const fs = require('fs');

function parseArgs(argv) {
  const o = { n: 2000, chunks: 0, timeoutMs: 120000, readyTimeoutMs: 30000, auth: 'sk-bench' };
  for (let i = 2; i < argv.length; i += 2) {
    const k = argv[i], v = argv[i + 1];
    if (k === '--url') o.url = v;
    else if (k === '--body') o.body = fs.readFileSync(v);
    else if (k === '--n') o.n = Number(v);
    else if (k === '--chunks') o.chunks = Number(v);
    else if (k === '--timeout-ms') o.timeoutMs = Number(v);
    else if (k === '--ready-timeout-ms') o.readyTimeoutMs = Number(v);
    else if (k === '--auth') o.auth = v;
    else { console.error(`unknown option ${k}`); process.exit(2); }
  }
  if (!o.url || !o.body) { console.error('usage: hold_streams.js --url URL --body FILE [--n N] [--chunks N]'); process.exit(2); }
  return o;
}

const opt = parseArgs(process.argv);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const CHUNK = '"object":"chat.completion.chunk"';
const t0 = Date.now();
let started = 0, heads = 0, firstEvents = 0, ended = 0, ok = 0, bad = 0, errors = 0;
let readyPrinted = false, donePrinted = false;
const badReasons = {};

function noteBad(reason) {
  bad++;
  badReasons[reason] = (badReasons[reason] || 0) + 1;
}

function maybeReady(force) {
  if (readyPrinted) return;
  if (firstEvents === opt.n || force) {
    readyPrinted = true;
    console.log(`READY open=${firstEvents - ended} first_events=${firstEvents} heads=${heads} ` +
                `requested=${opt.n} ms=${Date.now() - t0}`);
  }
}

function maybeDone(force) {
  if (donePrinted) return;
  if (ended === opt.n || force) {
    donePrinted = true;
    maybeReady(true);
    console.log(`DONE ok=${ok} bad=${bad} errors=${errors} ended=${ended} requested=${opt.n} ` +
                `ms=${Date.now() - t0} reasons=${JSON.stringify(badReasons)}`);
    process.exit(ok === opt.n ? 0 : 1);
  }
}

function finish(reason) {
  ended++;
  if (reason) noteBad(reason); else ok++;
  maybeDone(false);
}

function openOne() {
  started++;
  let settled = false;
  const settle = (reason) => { if (settled) return; settled = true; finish(reason); };
  const req = http.request(opt.url, {
    method: 'POST', agent,
    headers: {
      'content-type': 'application/json',
      'authorization': `Bearer ${opt.auth}`,
      'content-length': opt.body.length,
    },
  }, (res) => {
    heads++;
    let first = true, events = 0, sawDone = false, carry = '';
    res.setEncoding('utf8');
    res.on('data', (d) => {
      if (first) { first = false; firstEvents++; maybeReady(false); }
      const text = carry + d;
      const parts = text.split('\n\n');
      carry = parts.pop();
      for (const ev of parts) {
        if (ev.includes(CHUNK)) events++;
        else if (ev.startsWith('data: [DONE]')) sawDone = true;
      }
    });
    res.on('end', () => {
      if (res.statusCode !== 200) return settle(`status_${res.statusCode}`);
      if (!sawDone) return settle('no_done');
      if (opt.chunks && events !== opt.chunks) return settle(`chunks_${events}`);
      settle(null);
    });
    res.on('error', () => { if (!settled) errors++; settle('res_error'); });
    res.on('close', () => settle('closed_before_end'));
  });
  req.on('error', (e) => { if (!settled) errors++; settle(`req_error_${e.code || 'x'}`); });
  req.end(opt.body);
}

// Open in batches so the event loop keeps reading while connections are being set up.
const BATCH = 200;
function openBatch() {
  const upto = Math.min(opt.n, started + BATCH);
  while (started < upto) openOne();
  if (started < opt.n) setImmediate(openBatch);
}
openBatch();
setTimeout(() => maybeReady(true), opt.readyTimeoutMs).unref();
setTimeout(() => maybeDone(true), opt.timeoutMs);
