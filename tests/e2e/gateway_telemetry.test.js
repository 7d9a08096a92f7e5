// Call records, pricing and spend (issue: telemetry and cost), end to end: the real binary, the
// mock provider and the official openai SDK; records read back through /admin/logs, the
// SQLite file itself (sqlite3) and the CLI.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

import {
  deploymentOf,
  deployments,
  directive,
  metricValue,
  repoRoot,
  sleep,
  sluiceBinary,
  startMock,
  startSluice,
  stopWhenFileEnds,
} from './harness.js';

const ADMIN = 'sk-admin-telemetry';
const start = stopWhenFileEnds();

// A price table of our own: the test knows every price, and can correct one for reprice.
const PRICES = { input: 0.15, output: 0.6, cached_input: 0.075 };
const CLAUDE = { input: 3, output: 15 };
function priceFile(dir, prices, version) {
  const file = path.join(dir, `prices-${version}.yaml`);
  fs.writeFileSync(
    file,
    `version: "${version}"\ncurrency: USD\nopenai:\n  gpt-4o-mini: {input: ${prices.input}, output: ${prices.output}, cached_input: ${prices.cached_input}}\n` +
      `anthropic:\n  claude-sonnet-4-5: {input: ${CLAUDE.input}, output: ${CLAUDE.output}}\n`,
  );
  return file;
}

function config(mock, failing, dir, extra = '') {
  return `
telemetry: { prices_file: "${priceFile(dir, PRICES, 'test-1')}", flush_interval_ms: 20${extra} }
providers:
  mock: { type: openai, api_base: "${mock.url}/v1", api_key: "sk-upstream-secret" }
  failing: { type: openai, api_base: "${failing.url}/v1", api_key: "sk-upstream-secret" }
  claude: { type: anthropic, api_base: "${mock.url}/v1", api_key: "sk-upstream-secret" }
models:
  - name: claude-sonnet-4-5
    deployments: [{ provider: claude, model: claude-sonnet-4-5 }]
  - name: gpt-4o-mini
    deployments: [{ provider: mock, model: gpt-4o-mini }]
  - name: retried
    strategy: priority
    retry: { max_attempts: 3, backoff_ms: 1 }
    deployments: [{ provider: failing, model: gpt-4o-mini }, { provider: mock, model: gpt-4o-mini }]
  - name: broken
    retry: { max_attempts: 1, backoff_ms: 1 }
    deployments: [{ provider: failing, model: gpt-4o-mini }]
    fallbacks: [gpt-4o-mini]
  - name: unpriced
    deployments: [{ provider: mock, model: some-model-without-a-price }]
  - name: fragile
    breaker: { failures: 1, open_ms: 60000 }
    deployments: [{ provider: mock, model: gpt-4o-mini, id: only }]
`;
}

async function startAll(extraTelemetry = '') {
  const mock = await start(startMock());
  const failing = await start(startMock({ args: ['--status', '503'] }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-telemetry-'));
  const gw = await start(
    startSluice({ configYaml: config(mock, failing, dir, extraTelemetry), server: { admin_key: ADMIN } }),
  );
  return { mock, failing, gw, dir };
}

const sdk = (gw, headers = {}) =>
  new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'sk-client', maxRetries: 0, defaultHeaders: headers });

async function admin(gw, pathAndQuery, key = ADMIN) {
  const headers = key ? { authorization: `Bearer ${key}` } : {};
  const res = await fetch(`${gw.url}${pathAndQuery}`, { headers });
  return { status: res.status, body: await res.json() };
}

// The record of one request, once the writer has stored it.
// The o200k token count of `text`, by the same js-tiktoken package the gateway's vocabularies
// come from.
async function o200kTokens(text) {
  const { getEncoding } = await import(
    path.join(repoRoot, 'data/tokenizers/node_modules/js-tiktoken/dist/index.js')
  );
  return getEncoding('o200k_base').encode(text).length;
}

async function recordOf(gw, requestId) {
  const deadline = Date.now() + 10000;
  for (;;) {
    const { status, body } = await admin(gw, `/admin/logs?request_id=${encodeURIComponent(requestId)}`);
    assert.equal(status, 200, JSON.stringify(body));
    if (body.data.length === 1) return body.data[0];
    if (Date.now() > deadline) throw new Error(`no record for ${requestId}`);
    await sleep(25);
  }
}

const cost = (usage, p = PRICES) =>
  ((usage.prompt_tokens - (usage.prompt_tokens_details?.cached_tokens ?? 0)) * p.input +
    (usage.prompt_tokens_details?.cached_tokens ?? 0) * p.cached_input +
    usage.completion_tokens * p.output) /
  1e6;

let seq = 0;
const rid = (what) => `tel-${what}-${process.pid}-${++seq}`;

describe('call records', () => {
  let env;
  before(async () => {
    env = await startAll();
  });

  test('non-streamed: tokens, cost to the micro-dollar, caller, tags, metadata, attempts', async () => {
    const id = rid('plain');
    const client = sdk(env.gw, {
      'x-request-id': id,
      'x-sluice-team': 'search',
      'x-sluice-user': 'alice',
      'x-sluice-tags': 'beta, checkout',
      'x-sluice-metadata': '{"ticket":"T-1"}',
    });
    const sentMs = Date.now();
    const reply = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'price this call' }],
      user: 'end-user-7',
    });
    const answeredMs = Date.now();
    const r = await recordOf(env.gw, id);
    assert.equal(r.status, 200);
    // Wall-clock times (the gateway turns its steady clock into Unix time), within the call.
    assert.ok(r.received_us >= (sentMs - 5) * 1000 && r.received_us <= answeredMs * 1000,
      `received ${r.received_us} not within ${sentMs}-${answeredMs} ms`);
    assert.equal(r.finished_us, r.received_us + r.latency_us);
    assert.ok(r.finished_us <= (answeredMs + 5) * 1000);
    assert.equal(r.endpoint, '/v1/chat/completions');
    assert.equal(r.requested_model, 'gpt-4o-mini');
    assert.equal(r.provider, 'mock');
    assert.equal(r.deployment, 'mock/gpt-4o-mini');
    assert.equal(r.streamed, false);
    assert.equal(r.team, 'search');
    assert.equal(r.user, 'alice');
    assert.equal(r.end_user, 'end-user-7');
    assert.deepEqual(r.tags, ['beta', 'checkout']);
    assert.deepEqual(r.metadata, { ticket: 'T-1' });
    assert.equal(r.usage.input_tokens, reply.usage.prompt_tokens);
    assert.equal(r.usage.output_tokens, reply.usage.completion_tokens);
    assert.equal(r.usage.estimated, false);
    assert.ok(Math.abs(r.cost_usd - cost(reply.usage)) < 1e-12, `${r.cost_usd} vs ${cost(reply.usage)}`);
    assert.equal(r.price_version, 'test-1');
    assert.equal(r.attempts.length, 1);
    assert.equal(r.attempts[0].outcome, 'ok');
    assert.ok(r.latency_us >= r.upstream_us && r.upstream_us > 0);
    assert.equal(r.gateway_overhead_us, r.latency_us - r.upstream_us);
    assert.ok(!JSON.stringify(r).includes('sk-upstream-secret'));
  });

  test('metadata from the body is recorded; the x-sluice-metadata header wins over it', async () => {
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'metadata' }], metadata: { suite: 'nightly', run: 7 } };
    const fromBody = rid('meta-body');
    await sdk(env.gw, { 'x-request-id': fromBody }).chat.completions.create(body);
    assert.deepEqual((await recordOf(env.gw, fromBody)).metadata, { suite: 'nightly', run: 7 });
    const fromHeader = rid('meta-header');
    await sdk(env.gw, { 'x-request-id': fromHeader, 'X-Sluice-Metadata': '{"owner":"ops"}' }).chat.completions.create(body);
    assert.deepEqual((await recordOf(env.gw, fromHeader)).metadata, { owner: 'ops' });
    const notJson = rid('meta-bad');
    await sdk(env.gw, { 'x-request-id': notJson, 'x-sluice-metadata': 'owner=ops' }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'metadata' }],
    });
    assert.equal((await recordOf(env.gw, notJson)).metadata, null);
  });

  test('streamed with usage asked for: usage chunk seen by the caller and recorded', async () => {
    const id = rid('stream-usage');
    const stream = await sdk(env.gw, { 'x-request-id': id }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'stream with usage please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage = null;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    assert.ok(usage);
    const r = await recordOf(env.gw, id);
    assert.equal(r.streamed, true);
    assert.equal(r.usage.input_tokens, usage.prompt_tokens);
    assert.equal(r.usage.output_tokens, usage.completion_tokens);
    assert.ok(Math.abs(r.cost_usd - cost(usage)) < 1e-12);
    assert.ok(r.ttft_us > 0 && r.ttft_us <= r.latency_us);
  });

  test('streamed without usage asked for: none reaches the caller, the record has it', async () => {
    const content = 'stream without usage please';
    const plain = await sdk(env.gw).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content }],
    });
    const id = rid('stream-nousage');
    const stream = await sdk(env.gw, { 'x-request-id': id }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content }],
      stream: true,
    });
    for await (const chunk of stream) assert.equal(chunk.usage ?? null, null);
    const r = await recordOf(env.gw, id);
    assert.equal(r.usage.input_tokens, plain.usage.prompt_tokens);
    assert.equal(r.usage.output_tokens, plain.usage.completion_tokens);
    assert.ok(Math.abs(r.cost_usd - cost(plain.usage)) < 1e-12);
  });

  test('failed: the provider 400 is recorded with its class and no cost', async () => {
    const id = rid('failed');
    await assert.rejects(
      sdk(env.gw, { 'x-request-id': id }).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: `fail ${directive({ status: 400 })}` }],
      }),
      (err) => err.status === 400,
    );
    const r = await recordOf(env.gw, id);
    assert.equal(r.status, 400);
    assert.equal(r.error_class, 'bad_request');
    assert.equal(r.cost_usd, 0);
    assert.equal(r.attempts.length, 1);
    assert.equal(r.attempts[0].outcome, 'bad_request');
  });

  test('retried: both attempts listed, the second one served and charged', async () => {
    const id = rid('retried');
    const reply = await sdk(env.gw, { 'x-request-id': id }).chat.completions.create({
      model: 'retried',
      messages: [{ role: 'user', content: 'retry me' }],
    });
    const r = await recordOf(env.gw, id);
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.attempts.map((a) => [a.provider, a.outcome]),
      [
        ['failing', 'overloaded'],
        ['mock', 'ok'],
      ],
    );
    assert.equal(r.provider, 'mock');
    assert.equal(r.error_class, null);
    assert.ok(Math.abs(r.cost_usd - cost(reply.usage)) < 1e-12);
  });

  test('fallback: the fallback model served; the requested one is what the record names', async () => {
    const id = rid('fallback');
    const reply = await sdk(env.gw, { 'x-request-id': id }).chat.completions.create({
      model: 'broken',
      messages: [{ role: 'user', content: 'fall back' }],
    });
    const r = await recordOf(env.gw, id);
    assert.equal(r.requested_model, 'broken');
    assert.deepEqual(
      r.attempts.map((a) => a.deployment),
      ['failing/gpt-4o-mini', 'mock/gpt-4o-mini'],
    );
    assert.equal(r.deployment, 'mock/gpt-4o-mini');
    assert.ok(Math.abs(r.cost_usd - cost(reply.usage)) < 1e-12);
  });

  test('no usage from the provider: counted with the BPE tokenizer and marked estimated', async () => {
    const id = rid('estimated');
    const reply = await sdk(env.gw, { 'x-request-id': id }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: `count my tokens for me ${directive({ no_usage: 1 })}` }],
    });
    assert.equal(reply.usage, undefined);
    const r = await recordOf(env.gw, id);
    assert.equal(r.usage.estimated, true);
    const expected = await o200kTokens(reply.choices[0].message.content);
    assert.equal(r.usage.output_tokens, expected);
    assert.ok(r.usage.input_tokens > 0);
    const priced = cost({ prompt_tokens: r.usage.input_tokens, completion_tokens: r.usage.output_tokens });
    assert.ok(Math.abs(r.cost_usd - priced) < 1e-12);
  });

  test('no usage in a relayed stream: the answer counted from the relayed events', async () => {
    const id = rid('estimated-stream');
    const stream = await sdk(env.gw, { 'x-request-id': id }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: `count my streamed tokens ${directive({ no_usage: 1, chunks: 12 })}` }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    assert.ok(text.length > 20, text);
    const r = await recordOf(env.gw, id);
    assert.equal(r.usage.estimated, true);
    assert.equal(r.usage.output_tokens, await o200kTokens(text));
    assert.ok(r.usage.input_tokens > 0);
  });

  // A caller hanging up is neither the provider's failure nor a reason to avoid it: a record
  // blaming the provider would put the caller's hang-ups in its error counts, and a breaker
  // counting them could shut a healthy deployment (failures: 1 here shuts it at the first).
  describe('the caller hangs up', () => {
    // The hung-up call's record (status: what had been sent), then the deployment still serves
    // with no failure counted against it.
    const checkHangUp = async (id, status) => {
      const r = await recordOf(env.gw, id);
      assert.equal(r.status, status);
      assert.equal(r.error_class, 'client_closed');
      assert.deepEqual(
        r.attempts.map((a) => [a.provider, a.outcome]),
        [['mock', 'client_closed']],
      );
      const reply = await sdk(env.gw).chat.completions.create({
        model: 'fragile',
        messages: [{ role: 'user', content: 'after the hang-up' }],
      });
      assert.equal(reply.choices[0].message.content, 'echo: after the hang-up');
      const health = deploymentOf(await deployments(env.gw, ADMIN), 'fragile', 'only');
      assert.equal(health.failures, 0, JSON.stringify(health));
      return r;
    };

    test('before the answer: recorded as client_closed, not held against the provider', async () => {
      const id = rid('hangup');
      const controller = new AbortController();
      const pending = sdk(env.gw, { 'x-request-id': id }).chat.completions.create(
        { model: 'fragile', messages: [{ role: 'user', content: `slow ${directive({ latency_ms: 3000 })}` }] },
        { signal: controller.signal },
      );
      await sleep(300);
      controller.abort();
      await assert.rejects(pending);
      const r = await checkHangUp(id, 0);
      assert.match(r.error_message, /caller closed the connection/);
    });

    test('mid-stream: recorded as client_closed after the status it had sent', async () => {
      const id = rid('hangup-stream');
      const controller = new AbortController();
      const stream = await sdk(env.gw, { 'x-request-id': id }).chat.completions.create(
        {
          model: 'fragile',
          messages: [{ role: 'user', content: `slow ${directive({ chunks: 10, chunk_delay_ms: 3000 })}` }],
          stream: true,
        },
        { signal: controller.signal },
      );
      try {
        for await (const chunk of stream) {
          assert.ok(chunk);
          controller.abort();
        }
      } catch (err) {
        assert.ok(err instanceof OpenAI.APIUserAbortError || err.name === 'AbortError', err);
      }
      await checkHangUp(id, 200);
    });
  });

  test('unknown price: recorded as unknown (null), never zero', async () => {
    const id = rid('unpriced');
    await sdk(env.gw, { 'x-request-id': id }).chat.completions.create({
      model: 'unpriced',
      messages: [{ role: 'user', content: 'who knows what I cost' }],
    });
    const r = await recordOf(env.gw, id);
    assert.equal(r.cost_usd, null);
    assert.ok(r.usage.input_tokens > 0);
  });

  test('translated (OpenAI caller, Anthropic provider, streamed): usage and Anthropic prices', async () => {
    const id = rid('translated');
    const stream = await sdk(env.gw, { 'x-request-id': id }).chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'translate and record me' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage = null;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    const r = await recordOf(env.gw, id);
    assert.equal(r.provider_type, 'anthropic');
    assert.equal(r.usage.input_tokens, usage.prompt_tokens);
    assert.equal(r.usage.output_tokens, usage.completion_tokens);
    assert.ok(Math.abs(r.cost_usd - cost(usage, { ...CLAUDE, cached_input: CLAUDE.input })) < 1e-12);
  });

  test('Anthropic caller relayed to Anthropic: usage read from the Messages shapes', async () => {
    for (const stream of [false, true]) {
      const id = rid(`messages-${stream}`);
      const client = new Anthropic({ baseURL: env.gw.url, apiKey: 'sk-client', maxRetries: 0, defaultHeaders: { 'x-request-id': id } });
      const params = {
        model: 'claude-sonnet-4-5',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'relay and record' }],
        metadata: { user_id: `anthropic-user-${stream}` },
      };
      const message = stream ? await client.messages.stream(params).finalMessage() : await client.messages.create(params);
      const r = await recordOf(env.gw, id);
      assert.equal(r.api_shape, 'anthropic');
      assert.equal(r.endpoint, '/v1/messages');
      assert.equal(r.streamed, stream);
      assert.equal(r.usage.input_tokens, message.usage.input_tokens);
      assert.equal(r.usage.output_tokens, message.usage.output_tokens);
      assert.equal(r.usage.estimated, false);
      assert.equal(r.end_user, `anthropic-user-${stream}`);  // from the body's metadata.user_id
      assert.deepEqual(r.metadata, { user_id: `anthropic-user-${stream}` });
      const expected = (message.usage.input_tokens * CLAUDE.input + message.usage.output_tokens * CLAUDE.output) / 1e6;
      assert.ok(Math.abs(r.cost_usd - expected) < 1e-12, `${r.cost_usd} vs ${expected}`);
    }
  });

  test('spend by team and by tag equals the sum of the records', async () => {
    const teams = ['alpha', 'beta'];
    const ids = [];
    for (let i = 0; i < 12; i++) {
      const id = rid('spend');
      ids.push(id);
      await sdk(env.gw, {
        'x-request-id': id,
        'x-sluice-team': teams[i % 2],
        'x-sluice-tags': i % 3 === 0 ? 'nightly,etl' : 'etl',
      }).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `spend ${'x'.repeat(i)}` }] });
    }
    const records = [];
    for (const id of ids) records.push(await recordOf(env.gw, id));
    const { body: all } = await admin(env.gw, '/admin/logs?limit=1000');
    const sum = (rows, pick) => rows.reduce((acc, r) => acc + pick(r), 0);
    const byTeam = await admin(env.gw, '/admin/spend?group_by=team&from=1d');
    assert.equal(byTeam.status, 200);
    for (const team of teams) {
      const row = byTeam.body.data.find((d) => d.team === team);
      const mine = all.data.filter((r) => r.team === team);
      assert.equal(row.requests, mine.length);
      assert.equal(row.input_tokens, sum(mine, (r) => r.usage.input_tokens));
      assert.ok(Math.abs(row.cost_usd - sum(mine, (r) => r.cost_usd ?? 0)) < 1e-9);
    }
    const byTag = await admin(env.gw, '/admin/spend?group_by=tag&from=1d&interval=day');
    const nightly = byTag.body.data.find((d) => d.tag === 'nightly');
    const tagged = all.data.filter((r) => r.tags.includes('nightly'));
    assert.equal(nightly.requests, tagged.length);
    assert.ok(Math.abs(nightly.cost_usd - sum(tagged, (r) => r.cost_usd ?? 0)) < 1e-9);
    const total = byTeam.body.total;
    assert.equal(total.requests, all.data.length);
  });

  test('spend and logs: bad parameters are 400 naming them; no admin key is 401', async () => {
    for (const [query, param] of [
      ['group_by=planet', 'group_by'],
      ['group_by=team&from=yesterday', 'from'],
      ['group_by=team&interval=week', 'interval'],
      ['group_by=team&colour=red', 'colour'],
      ['', 'group_by'],
    ]) {
      const { status, body } = await admin(env.gw, `/admin/spend?${query}`);
      assert.equal(status, 400, query);
      assert.equal(body.error.param, param, query);
      assert.match(body.error.message, new RegExp(param));
    }
    const badLimit = await admin(env.gw, '/admin/logs?limit=0');
    assert.equal(badLimit.status, 400);
    assert.equal(badLimit.body.error.param, 'limit');
    // Past the year 9999: refused, where its microseconds would overflow.
    for (const path of ['/admin/logs?from=9223372036854775807', '/admin/spend?group_by=team&to=9999999999999d']) {
      const { status, body } = await admin(env.gw, path);
      assert.equal(status, 400, path);
      assert.match(body.error.message, /from|to/, path);
    }
    assert.equal((await admin(env.gw, '/admin/spend?group_by=team', null)).status, 401);
    assert.equal((await admin(env.gw, '/admin/logs', 'wrong')).status, 401);
  });

  test('metrics: tokens and cost by model, provider and team; nothing dropped', async () => {
    assert.ok((await metricValue(env.gw.url, 'sluice_tokens_total')) > 0);
    assert.ok((await metricValue(env.gw.url, 'sluice_cost_usd_total')) > 0);
    assert.ok((await metricValue(env.gw.url, 'sluice_time_to_first_token_seconds_count')) > 0);
    assert.ok((await metricValue(env.gw.url, 'sluice_telemetry_batches_total')) > 0);
    assert.equal(await metricValue(env.gw.url, 'sluice_telemetry_records_dropped_total'), 0);
  });

  test('CLI: sluice spend and sluice logs --tail read the same store', async () => {
    const spendOut = execFileSync(sluiceBinary, ['spend', '--config', env.gw.configFile, '--by', 'team', '--since', '1d'], {
      encoding: 'utf8',
    });
    assert.match(spendOut, /alpha/);
    assert.match(spendOut, /\$0\.\d{4}/);
    const tail = spawn(sluiceBinary, ['logs', '--config', env.gw.configFile, '--tail', '-n', '3']);
    let out = '';
    tail.stdout.on('data', (d) => (out += d));
    try {
      const deadline = Date.now() + 5000;
      while (!out.includes('request') && Date.now() < deadline) await sleep(50);
      const id = rid('tailed');
      await sdk(env.gw, { 'x-request-id': id }).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'tail me' }],
      });
      const until = Date.now() + 5000;
      while (!out.includes(id.slice(0, 12)) && Date.now() < until) await sleep(50);
      assert.ok(out.includes(id.slice(0, 12)), out);
    } finally {
      tail.kill('SIGKILL');
    }
  });
});

describe('capture', () => {
  // Off by default: the shared gateway of 'call records' keeps no prompt or completion.
  test('off: no prompt or completion in the record', async () => {
    const { gw } = await startAll();
    const id = rid('no-capture');
    await sdk(gw, { 'x-request-id': id }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'keep this to yourself' }],
    });
    const r = await recordOf(gw, id);
    assert.equal(r.prompt, undefined);
    assert.equal(r.completion, undefined);
  });

  test('on: the request body and the answer text, each cut to capture_max_bytes', async () => {
    const { gw } = await startAll(', capture: true, capture_max_bytes: 120');
    const whole = rid('capture');
    const reply = await sdk(gw, { 'x-request-id': whole }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'capture me' }],
    });
    let r = await recordOf(gw, whole);
    assert.equal(r.completion, reply.choices[0].message.content);
    assert.match(r.prompt, /^\{"model":"gpt-4o-mini",.*"content":"capture me"/);

    const long = rid('capture-long');
    const longReply = await sdk(gw, { 'x-request-id': long }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: `capture me ${'x'.repeat(200)}` }],
    });
    r = await recordOf(gw, long);
    assert.equal(r.prompt.length, 120);
    assert.equal(r.completion, longReply.choices[0].message.content.slice(0, 120));

    // A relayed stream's answer, read back from the events the caller got.
    const streamed = rid('capture-stream');
    const stream = await sdk(gw, { 'x-request-id': streamed }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: `stream and capture ${'y'.repeat(150)} ${directive({ chunks: 12 })}` }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    assert.ok(text.length > 120, text);
    r = await recordOf(gw, streamed);
    assert.equal(r.completion, text.slice(0, 120));
    assert.equal(r.usage.estimated, false);
  });
});

describe('reprice', () => {
  test('a corrected table recomputes recorded costs and the spend rollups', async () => {
    const env = await startAll();
    const id = rid('reprice');
    const reply = await sdk(env.gw, { 'x-request-id': id, 'x-sluice-team': 'r' }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'reprice me' }],
    });
    await recordOf(env.gw, id);
    const corrected = { input: 1.5, output: 6, cached_input: 0.75 };
    const fixed = priceFile(env.dir, corrected, 'test-2');
    const yaml = fs.readFileSync(env.gw.configFile, 'utf8').replace(/prices_file: "[^"]+"/, `prices_file: "${fixed}"`);
    fs.writeFileSync(env.gw.configFile, yaml);
    const today = new Date().toISOString().slice(0, 10);
    const out = execFileSync(sluiceBinary, ['reprice', '--config', env.gw.configFile, '--from', today], {
      encoding: 'utf8',
    });
    assert.match(out, /repriced \d+ record/);
    const r = await recordOf(env.gw, id);
    assert.equal(r.price_version, 'test-2');
    assert.ok(Math.abs(r.cost_usd - cost(reply.usage, corrected)) < 1e-12);
    const { body } = await admin(env.gw, '/admin/spend?group_by=team&from=1d');
    const row = body.data.find((d) => d.team === 'r');
    assert.ok(Math.abs(row.cost_usd - cost(reply.usage, corrected)) < 1e-12);
  });
});

describe('load and shutdown', () => {
  test('10,000 requests at full speed: 10,000 records, none dropped', async () => {
    const env = await startAll();
    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'load' }] });
    const total = 10000;
    let next = 0;
    let ok = 0;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    const one = () =>
      new Promise((resolve, reject) => {
        const req = http.request(
          `${env.gw.url}/v1/chat/completions`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-sluice-team': 'load' } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < total) {
          next++;
          if ((await one()) === 200) ok++;
        }
      }),
    );
    agent.destroy();
    assert.equal(ok, total);
    const deadline = Date.now() + 15000;
    let requests = 0;
    while (Date.now() < deadline) {
      const { body: spend } = await admin(env.gw, '/admin/spend?group_by=team&from=1d');
      requests = spend.data.find((d) => d.team === 'load')?.requests ?? 0;
      if (requests === total) break;
      await sleep(100);
    }
    assert.equal(requests, total);
    assert.equal(await metricValue(env.gw.url, 'sluice_telemetry_records_dropped_total'), 0);
    const db = path.join(env.gw.dir, 'sluice.db');
    const count = execFileSync('sqlite3', [db, "SELECT COUNT(*) FROM records WHERE team = 'load'"], { encoding: 'utf8' });
    assert.equal(Number(count.trim()), total);
  });

  test('SIGTERM under load: every completed request has its record after exit', async () => {
    const mock = await start(startMock({ args: ['--latency-ms', '5'] }));
    const failing = await start(startMock());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-telemetry-'));
    const db = path.join(dir, 'kept.db');
    const gw = await startSluice({
      configYaml: `storage: { url: "sqlite://${db}" }\n${config(mock, failing, dir)}`,
      server: { admin_key: ADMIN },
    });
    const completed = [];
    let stopping = false;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 48 });
    const one = (id) =>
      new Promise((resolve) => {
        const req = http.request(
          `${gw.url}/v1/chat/completions`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-request-id': id } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode === 200 && res.complete));
            res.on('error', () => resolve(false));
          },
        );
        req.on('error', () => resolve(false));
        req.end(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'drain' }] }));
      });
    let n = 0;
    const lanes = Array.from({ length: 48 }, async () => {
      while (!stopping) {
        const id = `drain-${++n}`;
        if (await one(id)) completed.push(id);
      }
    });
    await sleep(1500);
    const code = await gw.stop('SIGTERM');
    stopping = true;
    await Promise.all(lanes);
    agent.destroy();
    assert.equal(code, 0);
    assert.ok(completed.length > 100, `only ${completed.length} completed`);
    const stored = new Set(
      execFileSync('sqlite3', [db, 'SELECT request_id FROM records'], { encoding: 'utf8', maxBuffer: 64 << 20 })
        .trim()
        .split('\n'),
    );
    const missing = completed.filter((id) => !stored.has(id));
    assert.deepEqual(missing, []);
  });
});

describe('OTLP export', () => {
  test('one span per call with GenAI attribute names', async () => {
    const spans = [];
    const collector = http.createServer((req, res) => {
      let text = '';
      req.on('data', (d) => (text += d));
      req.on('end', () => {
        if (req.url === '/v1/traces') {
          for (const rs of JSON.parse(text).resourceSpans) {
            for (const ss of rs.scopeSpans) spans.push(...ss.spans);
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      const env = await startAll(`, otlp: { endpoint: "http://127.0.0.1:${collector.address().port}" }`);
      const id = rid('otlp');
      const reply = await sdk(env.gw, { 'x-request-id': id }).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'trace me' }],
      });
      const deadline = Date.now() + 10000;
      const attr = (span, key) => span.attributes.find((a) => a.key === key)?.value;
      let span;
      while (!span && Date.now() < deadline) {
        span = spans.find((s) => attr(s, 'sluice.request_id')?.stringValue === id);
        if (!span) await sleep(50);
      }
      assert.ok(span, 'no span exported');
      assert.equal(attr(span, 'gen_ai.request.model').stringValue, 'gpt-4o-mini');
      assert.equal(Number(attr(span, 'gen_ai.usage.input_tokens').intValue), reply.usage.prompt_tokens);
      assert.equal(Number(attr(span, 'gen_ai.usage.output_tokens').intValue), reply.usage.completion_tokens);
    } finally {
      collector.close();
    }
  });
});
