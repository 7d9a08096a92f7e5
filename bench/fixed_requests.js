#!/usr/bin/env node
// Sends exactly --n POST requests over --c keep-alive connections to --url and checks every
// answer (status 200; for streams, the [DONE] line). Used by bench/callgrind.sh, where the
// count, not the time, must be fixed so that instructions per request can be compared.
//   node bench/fixed_requests.js --url http://127.0.0.1:PORT/v1/chat/completions \
//        --body bench/payloads/chat.json --n 2000 --c 8
'use strict';
const http = require('http');
const fs = require('fs');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const url = new URL(args.url);
const body = fs.readFileSync(args.body);
const total = Number(args.n || 1000);
const conns = Number(args.c || 8);
const stream = body.includes('"stream":true');
const agent = new http.Agent({ keepAlive: true, maxSockets: conns });

let started = 0, done = 0, bad = 0;
function one() {
  if (started >= total) return;
  started++;
  const req = http.request({
    host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent,
    headers: { 'content-type': 'application/json', 'authorization': 'Bearer sk-bench', 'content-length': body.length },
  }, (res) => {
    const parts = [];
    res.on('data', (d) => parts.push(d));
    res.on('end', () => {
      const text = Buffer.concat(parts).toString();
      if (res.statusCode !== 200 || (stream && !text.includes('data: [DONE]'))) {
        if (bad++ < 3) console.error('bad response', res.statusCode, text.slice(0, 300));
      }
      done++;
      if (done === total) finish(); else one();
    });
  });
  req.on('error', (e) => { bad++; console.error('error', e.message); done++; if (done === total) finish(); else one(); });
  req.end(body);
}
function finish() {
  console.log(JSON.stringify({ requests: total, bad }));
  agent.destroy();
  process.exit(bad ? 1 : 0);
}
for (let i = 0; i < conns; i++) one();
