#!/usr/bin/env node
// Summarises one bench/run.sh result directory (results.tsv, memory.tsv, machine.txt) as
// markdown on stdout. Usage: node bench/summarize.js bench/results/<stamp>
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
if (!dir) { console.error('usage: summarize.js RESULT_DIR'); process.exit(2); }

function readTsv(file) {
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length);
  const head = lines.shift().split('\t');
  return lines.map((l) => {
    const cells = l.split('\t');
    const row = {};
    head.forEach((h, i) => {
      const v = cells[i] ?? '';
      row[h] = v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
    });
    return row;
  });
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const min = (xs) => Math.min(...xs);
const max = (xs) => Math.max(...xs);
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const fmtInt = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const signed = (x) => (Number.isFinite(x) ? (x >= 0 ? '+' : '') + Math.round(x) : 'n/a');
const range = (xs, d = 0) => (xs.length > 1 ? ` [${fmt(min(xs), d)}–${fmt(max(xs), d)}]` : '');

const rows = readTsv(path.join(dir, 'results.tsv'));
const mem = readTsv(path.join(dir, 'memory.tsv'));
const machine = fs.existsSync(path.join(dir, 'machine.txt'))
  ? fs.readFileSync(path.join(dir, 'machine.txt'), 'utf8') : '';
const streamsWanted = Number((machine.match(/streams=(\d+)/) || [])[1] || 0);

const ARMS = ['direct', 'nginx', 'sluice'];
const SCEN = { chat: 'non-streaming chat', stream: 'streaming chat (66 events)' };
const measured = rows.filter((r) => r.mode !== 'verify' && r.round > 0);
const valid = measured.filter((r) => r.valid === 1);
const invalid = measured.filter((r) => r.valid !== 1);
const cell = (scen, mode, arm) => valid.filter((r) => r.scenario === scen && r.mode === mode && r.arm === arm);
const rounds = [...new Set(measured.map((r) => r.round))].sort((a, b) => a - b);

// Per-round difference arm - direct of one latency field; median over rounds.
function added(scen, mode, arm, field) {
  const diffs = [];
  for (const rd of rounds) {
    const a = valid.find((r) => r.scenario === scen && r.mode === mode && r.arm === arm && r.round === rd);
    const d = valid.find((r) => r.scenario === scen && r.mode === mode && r.arm === 'direct' && r.round === rd);
    if (a && d) diffs.push(a[field] - d[field]);
  }
  return diffs;
}
function ratio(scen, mode, num, den) {
  const rs = [];
  for (const rd of rounds) {
    const a = valid.find((r) => r.scenario === scen && r.mode === mode && r.arm === num && r.round === rd);
    const b = valid.find((r) => r.scenario === scen && r.mode === mode && r.arm === den && r.round === rd);
    if (a && b && b.rps > 0) rs.push(a.rps / b.rps);
  }
  return rs;
}
const cpuUsPerReq = (rs) => median(rs.map((r) => r.proxy_cpu_ns / 1000 / r.requests));

const out = [];
const p = (s = '') => out.push(s);

p(`## Sluice bench: ${path.basename(dir)}`);
p();
p('```');
p(machine.trim());
p('```');
p();
p(`Medians over ${rounds.length} interleaved round(s) [min–max]; latencies in µs. ` +
  `"added" = median over rounds of (arm − direct) in the same round. ` +
  `Proxy CPU = CPU time of the proxy process (all threads; nginx master + worker) per request. ` +
  `other CPU = CPU used on the machine outside the bench processes during the run (% of one core, ` +
  `max over the cell's runs; approximate).`);
p();

const latencyTable = (mode, title) => {
  p(`### ${title}`);
  p();
  p('| scenario | arm | req/s | p50 | p99 | p99.9 | added p50 | added p99 | proxy CPU µs/req | other CPU % |');
  p('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const scen of Object.keys(SCEN)) {
    for (const arm of ARMS) {
      const rs = cell(scen, mode, arm);
      if (!rs.length) { p(`| ${SCEN[scen]} | ${arm} | no valid run | | | | | | | |`); continue; }
      const a50 = arm === 'direct' ? [] : added(scen, mode, arm, 'p50_us');
      const a99 = arm === 'direct' ? [] : added(scen, mode, arm, 'p99_us');
      p(`| ${SCEN[scen]} | ${arm} | ${fmtInt(median(rs.map((r) => r.rps)))} ` +
        `| ${fmt(median(rs.map((r) => r.p50_us)))}${range(rs.map((r) => r.p50_us))} ` +
        `| ${fmt(median(rs.map((r) => r.p99_us)))}${range(rs.map((r) => r.p99_us))} ` +
        `| ${fmt(median(rs.map((r) => r.p999_us)))} ` +
        `| ${arm === 'direct' ? '–' : signed(median(a50)) + range(a50)} ` +
        `| ${arm === 'direct' ? '–' : signed(median(a99)) + range(a99)} ` +
        `| ${arm === 'direct' ? '–' : fmt(cpuUsPerReq(rs), 1)} ` +
        `| ${fmt(max(rs.map((r) => r.other_cpu_pct)))} |`);
    }
  }
  p();
};

latencyTable('lowload', 'Latency at low load: wrk -t1 -c8, 10 ms think time per connection (~750 req/s offered)');
latencyTable('c8', 'Latency at 8 connections, closed loop (wrk -t1 -c8, no think time: each arm runs flat out)');

p('### Throughput: wrk -t2 -c64, closed loop');
p();
p('| scenario | arm | req/s | p50 | p99 | proxy CPU µs/req | proxy CPU-s per 1,000 req | mock CPU µs/req | other CPU % |');
p('|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const scen of Object.keys(SCEN)) {
  for (const arm of ARMS) {
    const rs = cell(scen, 'c64', arm);
    if (!rs.length) { p(`| ${SCEN[scen]} | ${arm} | no valid run | | | | | | |`); continue; }
    const us = cpuUsPerReq(rs);
    p(`| ${SCEN[scen]} | ${arm} | ${fmtInt(median(rs.map((r) => r.rps)))}${range(rs.map((r) => r.rps))} ` +
      `| ${fmt(median(rs.map((r) => r.p50_us)))} | ${fmt(median(rs.map((r) => r.p99_us)))} ` +
      `| ${arm === 'direct' ? '–' : fmt(us, 1)} | ${arm === 'direct' ? '–' : fmt(us / 1000, 4)} ` +
      `| ${fmt(median(rs.map((r) => r.mock_cpu_ns / 1000 / r.requests)), 1)} ` +
      `| ${fmt(max(rs.map((r) => r.other_cpu_pct)))} |`);
  }
  const rr = ratio(scen, 'c64', 'sluice', 'nginx');
  p(`| ${SCEN[scen]} | **sluice / nginx** | **${fmt(median(rr), 2)}x**${range(rr, 2)} | | | | | | |`);
}
p();

// CPU at a fixed low rate: the low-load runs (every arm sustains that rate).
p('### Proxy CPU at a fixed low rate (the low-load runs above)');
p();
p('| scenario | arm | req/s | proxy CPU µs/req | proxy CPU-s per 1,000 req |');
p('|---|---|---:|---:|---:|');
for (const scen of Object.keys(SCEN)) {
  for (const arm of ['nginx', 'sluice']) {
    const rs = cell(scen, 'lowload', arm);
    const us = cpuUsPerReq(rs);
    p(`| ${SCEN[scen]} | ${arm} | ${fmtInt(median(rs.map((r) => r.rps)))} | ${fmt(us, 1)} | ${fmt(us / 1000, 4)} |`);
  }
}
p();

if (mem.length) {
  p('### Memory (VmRSS, MB; nginx = master + worker)');
  p();
  p('| phase | process | state | RSS MB | peak (VmHWM) MB | streams open | note |');
  p('|---|---|---|---:|---:|---:|---|');
  for (const m of mem) {
    p(`| ${m.phase} | ${m.process} | ${m.state} | ${fmt(m.rss_kb / 1024, 1)} | ${fmt(m.hwm_kb / 1024, 1)} | ${m.streams_open} | ${m.note || ''} |`);
  }
  p();
}

// Targets.
p('### Against the targets');
p();
p('| target | measured | verdict |');
p('|---|---|---|');
const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'met' : '**MISSED**');
for (const [mode, label] of [['lowload', 'low load'], ['c8', 'closed loop c8']]) {
  for (const scen of Object.keys(SCEN)) {
    const a50 = median(added(scen, mode, 'sluice', 'p50_us'));
    const a99 = median(added(scen, mode, 'sluice', 'p99_us'));
    p(`| added p50 ≤ 100 µs (${SCEN[scen]}, ${label}) | ${signed(a50)} µs (nginx ${signed(median(added(scen, mode, 'nginx', 'p50_us')))}) | ${verdict(Number.isFinite(a50) ? a50 <= 100 : null)} |`);
    p(`| added p99 ≤ 1 ms (${SCEN[scen]}, ${label}) | ${signed(a99)} µs (nginx ${signed(median(added(scen, mode, 'nginx', 'p99_us')))}) | ${verdict(Number.isFinite(a99) ? a99 <= 1000 : null)} |`);
  }
}
for (const scen of Object.keys(SCEN)) {
  const r = median(ratio(scen, 'c64', 'sluice', 'nginx'));
  p(`| throughput c64 ≥ 0.8x nginx (${SCEN[scen]}) | ${fmt(r, 2)}x | ${verdict(Number.isFinite(r) ? r >= 0.8 : null)} |`);
}
const idle = mem.filter((m) => m.process === 'sluice' && m.state === 'idle_before_first_request');
if (idle.length) {
  const mb = max(idle.map((m) => m.rss_kb)) / 1024;
  p(`| sluice RSS idle ≤ 30 MB | ${fmt(mb, 1)} MB | ${verdict(mb <= 30)} |`);
}
const held = mem.find((m) => m.process === 'sluice' && m.state === 'with_open_streams');
if (held) {
  const mb = held.rss_kb / 1024;
  const full = held.streams_open >= streamsWanted && streamsWanted >= 2000;
  p(`| sluice RSS ≤ 200 MB with 2,000 open streams | ${fmt(mb, 1)} MB with ${held.streams_open} open` +
    `${full ? '' : ` (run asked for ${streamsWanted})`} | ${full ? verdict(mb <= 200) : 'n/a (not 2,000 open)'} |`);
}
p();

const verifyRows = rows.filter((r) => r.mode === 'verify');
if (verifyRows.length) {
  const checked = verifyRows.reduce((s, r) => s + (r.checked || 0), 0);
  const bad = verifyRows.reduce((s, r) => s + (r.bad || 0), 0);
  const errs = verifyRows.reduce((s, r) => s + r.err_connect + r.err_read + r.err_write + r.err_timeout + r.err_status, 0);
  p(`Verified warm-up (every response checked: status 200, echo text / exactly 66 chunk events + [DONE]): ` +
    `${fmtInt(checked)} responses checked, ${bad} bad, ${errs} wrk errors` +
    `${verifyRows.some((r) => r.valid !== 1) ? ' — **some verified runs failed, see results.tsv**' : ''}.`);
}
const noisy = valid.filter((r) => r.other_cpu_pct > 25);
if (noisy.length) {
  p(`Runs during which other processes used > 25 % of a core (kept in the medians; compare with ` +
    `the [min–max] ranges): ${noisy.map((r) => `r${r.round} ${r.scenario} ${r.mode} ${r.arm} (${fmt(r.other_cpu_pct)} %)`).join(', ')}.`);
}
p(`Measured runs: ${measured.length}, valid: ${valid.length}` +
  (invalid.length ? `; **invalid (errors, excluded): ${invalid.map((r) => `r${r.round} ${r.scenario} ${r.mode} ${r.arm}`).join(', ')}**` : '') + '.');
console.log(out.join('\n'));
